#!/usr/bin/python3
"""Every control of perceptron-studio has a name a screen reader can read.

usage: test_a11y_names.py /path/to/perceptron-studio
Runs inside tests/gui/with-xvfb-dbus.sh (private Xvfb + session bus) and walks
the AT-SPI tree (what Orca reads) of the main window (every sidebar page and
view, shown or not), its menus, the Export and Evaluate dialogs, the keyboard
shortcuts window and the file chooser. A button, toggle, check box, dropdown,
spin button, entry or menu item must have a non-empty name, without a
mnemonic underscore ("_Export Export" is what GTK 4.8 says for a "_Export"
button) and not a GTK type name ("GtkToggleButton", GTK 4.8's name for the
toggle inside a dropdown). Windows GTK builds itself (file chooser, shortcuts
window) are checked for what is on screen.
"""
import re
import subprocess
import sys
import time

import pyatspi

from atspitest import app_on_bus, find, wait_for, walk

EXE = sys.argv[1]
CONTROLS = {"push button", "toggle button", "check box", "radio button", "combo box",
            "spin button", "text", "slider", "menu item", "check menu item",
            "radio menu item", "toggle button"}
WINDOWS = {"frame", "dialog", "file chooser", "window"}
problems = []
START = time.monotonic()
checked = [0]


def on_screen(node):
    """GTK 4.8 sets no 'showing' state; an unmapped widget has an empty extent."""
    try:
        e = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
        return e.width > 0 and e.height > 0
    except Exception:
        return False


def bad_name(name):
    if not name or not name.strip():
        return "no name"
    if "_" in name:
        return "an underscore"
    if re.match(r"^Gtk[A-Z]\w*$", name):
        return "a GTK type name"
    return None


def check(root, where, shown_only=False):
    n = 0
    for node, role, _ in walk(root):
        if role not in CONTROLS and role not in WINDOWS:
            continue
        if shown_only and not on_screen(node):
            continue
        n += 1
        why = bad_name(node.name)
        if why is not None:
            problems.append("%s: %s %r (description %r) has %s" % (where, role, node.name, node.description, why))
            print("# " + problems[-1])
    checked[0] += n
    print("# %s: %d controls checked (%.1f s)" % (where, n, time.monotonic() - START))
    assert n > 0, "nothing found to check in " + where


def click(node):
    action = node.queryAction()
    for i in range(action.nActions):
        if action.getName(i) == "click":
            action.doAction(i)
            return
    raise AssertionError("%r has no click action" % node.name)


def button(root, name):
    # (a mnemonic button may be misnamed "_Cancel Cancel": check() says so)
    return find(root, lambda n, r: r in ("push button", "toggle button") and
                (n.name == name or (n.name or "").endswith(" " + name)) and on_screen(n),
                "button %r" % name)


def window(app, name):
    return find(app, lambda n, r: r in WINDOWS and n.name == name, "window %r" % name)


def file_chooser(app, title):
    """GTK 4.8 shows a GtkFileChooserDialog (without a portal); its role is
    not "frame" and its name is the title given to GtkFileChooserNative."""
    def search():
        for c in app:
            if c is not None and c.name == title and c.getRoleName() != "frame":
                # filled in: the folder has been read
                if [n for n, r, _ in walk(c) if r == "push button" and (n.name or "").endswith("Cancel")
                        and on_screen(n)]:
                    return c
        return None
    chooser = wait_for(search, "the file chooser " + title)
    time.sleep(0.6)   # the path bar's buttons come when the folder is read
    return chooser


def window_gone(app, name):
    wait_for(lambda: not [c for c in app if c is not None and c.name == name], "%r to close" % name)


def key(k):
    subprocess.run(["xdotool", "key", k], check=True)


def main():
    proc = subprocess.Popen([EXE])
    try:
        app = app_on_bus(proc, name="perceptron-studio")
        main_win = window(app, "Perceptron Studio")
        button(main_win, "Evaluate")   # the window is built
        check(main_win, "main window")
        # one walk for the header bar's buttons (each walk costs ~1 s)
        header = {}
        for node, role, _ in walk(main_win):
            if role in ("push button", "toggle button") and node.name not in header and on_screen(node):
                header[node.name] = node

        # menus: the toggle inside the menu button opens the popover
        for name in ("Main menu", "Notebook experiments"):
            outer = header[name]
            toggle = [c for c in outer if c is not None and c.getRoleName() in ("push button", "toggle button")]
            click(toggle[0] if toggle else outer)
            item = find(outer, lambda n, r: r == "menu item" and on_screen(n), "a menu item of " + name)
            check(outer, name, shown_only=True)
            assert item.name
            key("Escape")
            wait_for(lambda: not [n for n, r, _ in walk(outer) if r == "menu item" and on_screen(n)],
                     "the menu to close")

        click(header["Export view"])
        export = window(app, "Export View")
        check(export, "Export dialog")
        click(button(export, "Choose…"))
        chooser = file_chooser(app, "Export View")
        check(chooser, "file chooser (save)", shown_only=True)
        click(button(chooser, "Cancel"))
        # One window at a time, as a person would: once (in 40-odd runs, in a
        # loaded CI run) GTK 4.8's AT-SPI code crashed the app
        # (g_variant_new_object_path (NULL)) while this test walked the
        # accessible tree as the chooser and the dialog were torn down together.
        wait_for(lambda: not [c for c in app if c is not None and c.name == "Export View"
                              and c.getRoleName() != "frame"],
                 "the file chooser to close")
        time.sleep(0.3)
        click(button(export, "Cancel"))
        wait_for(lambda: not [c for c in app if c is not None and c.name == "Export View"],
                 "the Export dialog to close")

        click(header["Evaluate"])
        evaluate = window(app, "Evaluate")
        find(evaluate, lambda n, r: r == "push button" and "xport" in (n.name or ""), "the export button")
        check(evaluate, "Evaluate dialog")
        key("Escape")
        window_gone(app, "Evaluate")

        click(header["Open"])
        opener = file_chooser(app, "Open")
        check(opener, "file chooser (open)", shown_only=True)
        click(button(opener, "Cancel"))
        window_gone(app, "Open")

        key("F1")
        shortcuts = window(app, "Keyboard Shortcuts")
        check(shortcuts, "shortcuts window", shown_only=True)
    except AssertionError as e:
        # A timeout because the app died says so, with how it died.
        status = proc.poll()
        if status is not None:
            raise AssertionError("%s; perceptron-studio exited with status %d" % (e, status)) from e
        raise
    finally:
        proc.kill()
        proc.wait()

    print("# %d controls and windows checked, %d problems" % (checked[0], len(problems)))
    assert not problems, "%d controls without a proper name" % len(problems)


if __name__ == "__main__":
    main()
