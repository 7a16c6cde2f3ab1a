/* ps-cli-export.c: `perceptron export`
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ps-cli-export.h"

#include "ps-export.h"
#include "ps-model-file.h"
#include "ps-names.h"

#include <gio/gio.h>

#define EXPORT_ERROR (g_quark_from_static_string ("perceptron-cli-error"))

/* "(pytorch, keras, onnx)": the names --format takes, from the one table. */
static char *
format_choices (void)
{
  g_autofree char *joined = g_strjoinv (", ", (char **) ps_enum_names (PS_ENUM_EXPORT_FORMAT));

  return g_strdup_printf ("(%s)", joined);
}

/* Parses its own options (a command with no training or data options), so
 * the options are locals, not the other commands' globals. */
int
ps_cli_export (int      argc,
               char   **argv,
               GError **error)
{
  g_autofree char *opt_format = NULL;
  g_autofree char *opt_output = NULL;
  g_autofree char *choices = format_choices ();
  g_autofree char *format_help = g_strdup_printf ("What to write %s", choices);
  GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &opt_format, format_help, "FORMAT" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &opt_output, "The file to write", "FILE" },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new ("MODEL --format pytorch|keras|onnx -o FILE");
  PsExportFormat format;
  PsNetwork *net;
  gboolean ok;

  g_option_context_set_summary (ctx,
    "The model as code or ONNX:\n"
    "  pytorch  a Python file: torch.nn.Sequential with the model's weights,\n"
    "           predict(x) with its input scaling, and a CSV-reading main\n"
    "  keras    a Python file: the Sequential and functional forms,\n"
    "           set_weights() and compile() (loss, optimizer, learning rate)\n"
    "  onnx     an ONNX model (opset 13), the input scaling in the graph");
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, error))
    return 1;

  if (argc < 3)
    {
      g_set_error (error, EXPORT_ERROR, 0, "missing MODEL file argument");
      return 1;
    }
  if (argc > 3)
    {
      g_set_error (error, EXPORT_ERROR, 0, "unexpected argument '%s'", argv[3]);
      return 1;
    }
  /* Refused before the model is read: nothing is written by default. */
  if (opt_format == NULL)
    {
      g_set_error (error, EXPORT_ERROR, 0, "missing --format %s", choices);
      return 1;
    }
  if (!ps_export_format_from_string (opt_format, &format))
    {
      g_set_error (error, EXPORT_ERROR, 0, "--format: unknown '%s' %s", opt_format, choices);
      return 1;
    }
  if (opt_output == NULL)
    {
      g_set_error (error, EXPORT_ERROR, 0, "missing -o FILE (the file to write)");
      return 1;
    }
  if (*opt_output == '\0')
    {
      g_set_error (error, EXPORT_ERROR, 0, "-o: the file name is empty");
      return 1;
    }

  net = ps_model_load (argv[2], error);   /* its message names the file */
  if (net == NULL)
    return 1;
  ok = ps_export_model (net, format, opt_output, error);   /* names the file */
  ps_network_free (net);
  return ok ? 0 : 1;
}
