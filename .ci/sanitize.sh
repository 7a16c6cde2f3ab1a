#!/bin/bash
# CI: the whole test suite under AddressSanitizer + UndefinedBehaviorSanitizer,
# then the trainer/thread tests under ThreadSanitizer. Called by .ci/run after
# the plain build (the packages are installed by then). Owner: robust.
#
#   .ci/sanitize.sh            both builds
#   .ci/sanitize.sh asan|tsan  one of them
#
# Each build lives in its own folder (build-asan, build-tsan), set up afresh.
# Any sanitizer report fails the run: ASan/UBSan abort at the first error,
# LeakSanitizer fails the process at exit (suppressions: tests/robust/lsan.supp,
# GTK/GLib/fontconfig internals only), TSan exits non-zero after a report.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
WHAT=${1:-all}

say () { printf '\n== %s (%s)\n' "$*" "$(date +%T)"; }
SECONDS=0

if [ "$WHAT" = all ] || [ "$WHAT" = asan ]; then
  say "ASan+UBSan: build"
  rm -rf build-asan
  meson setup build-asan -Db_sanitize=address,undefined -Db_lundef=false \
    --buildtype=debugoptimized >/dev/null
  meson compile -C build-asan

  say "ASan+UBSan: meson test (the whole suite)"
  # detect_leaks: LeakSanitizer at exit. Its stacks stop at the first library
  # built without frame pointers (a leak of ours through g_malloc shows as
  # malloc <- g_malloc): to see the caller, rerun that test with
  # ASAN_OPTIONS=fast_unwind_on_malloc=0 (10-20x slower for the GUI tests).
  # halt_on_error: UBSan findings fail.
  # abort_on_error off so that g_test subprocess traps see a plain exit code.
  export ASAN_OPTIONS="detect_leaks=1:halt_on_error=1:detect_stack_use_after_return=1:strict_string_checks=1:check_initialization_order=1"
  export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
  export LSAN_OPTIONS="suppressions=$ROOT/tests/robust/lsan.supp:print_suppressions=0"
  # GLib 2.74 still has the slice allocator: plain malloc lets ASan see every block.
  export G_SLICE=always-malloc
  # Sanitized code is 2-4x slower; OpenBLAS is not instrumented.
  meson test -C build-asan --print-errorlogs --timeout-multiplier 4 --num-processes 2
  unset ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS G_SLICE
  say "ASan+UBSan: done after ${SECONDS}s"
fi

if [ "$WHAT" = all ] || [ "$WHAT" = tsan ]; then
  say "TSan: build (core + the trainer, fast path and thread tests)"
  rm -rf build-tsan
  meson setup build-tsan -Db_sanitize=thread -Db_lundef=false -Dapp=disabled \
    --buildtype=debugoptimized >/dev/null
  ninja -C build-tsan tests/robust/test-threads tests/engine/test-trainer \
    tests/bench/test-fast-path tests/robust/libtsan-glib.so

  say "TSan: trainer, fast path (work stealing) and thread tests"
  # GLib's GMutex/GCond are futexes in an uninstrumented library: the
  # annotations of tests/robust/tsan-glib.c are linked into test-threads and
  # preloaded into the engine's trainer test (run directly, not through
  # meson, so that the preload stays out of Python).
  export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1"
  build-tsan/tests/robust/test-threads
  LD_PRELOAD="$ROOT/build-tsan/tests/robust/libtsan-glib.so" \
    ENGINE_TEST_DIR="$ROOT/tests/engine" build-tsan/tests/engine/test-trainer
  LD_PRELOAD="$ROOT/build-tsan/tests/robust/libtsan-glib.so" build-tsan/tests/bench/test-fast-path
  unset TSAN_OPTIONS
  say "TSan: done after ${SECONDS}s"
fi

say "sanitizers: all passed in ${SECONDS}s"
