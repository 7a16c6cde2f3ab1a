/* ps-plot-export.c: draw a plot to a PNG, SVG or PDF file
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The whole file is rendered into memory first and then written with
 * ps_file_write (temporary file in the same folder + rename), so a
 * failed export never leaves a half-written or missing plot behind.
 */
#include "config.h"

#include "ps-plot-private.h"
#include "ps-file.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef enum
{
  FORMAT_PNG,
  FORMAT_SVG,
  FORMAT_PDF,
} Format;

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static gboolean
format_from_path (const char  *path,
                  Format      *format,
                  GError     **error)
{
  g_autofree char *base = g_path_get_basename (path);
  const char *dot = strrchr (base, '.');

  if (dot == NULL || dot == base || dot[1] == '\0')
    {
      g_set_error (error, PS_PLOT_ERROR, PS_PLOT_ERROR_FORMAT,
                   _("Cannot tell the image format of “%s”: use a .png, .svg or .pdf extension"),
                   path);
      return FALSE;
    }
  if (g_ascii_strcasecmp (dot, ".png") == 0)
    *format = FORMAT_PNG;
  else if (g_ascii_strcasecmp (dot, ".svg") == 0)
    *format = FORMAT_SVG;
  else if (g_ascii_strcasecmp (dot, ".pdf") == 0)
    *format = FORMAT_PDF;
  else
    {
      g_set_error (error, PS_PLOT_ERROR, PS_PLOT_ERROR_FORMAT,
                   _("Unknown image format “%s” for “%s”: use .png, .svg or .pdf"),
                   dot, path);
      return FALSE;
    }
  return TRUE;
}

/**
 * ps_plot_export:
 * @path: destination; the format comes from its extension (case-insensitive)
 * @width: @height: size in pixels (PNG) or points (SVG, PDF)
 * @draw: renderer called once with a cairo context of that size
 * @user_data: passed to @draw
 * @error: PS_PLOT_ERROR_FORMAT for an unknown extension, PS_PLOT_ERROR_IO
 *   when the file cannot be written (the message names the path)
 *
 * Atomic: the old file, if any, stays intact on failure.
 *
 * Returns: %TRUE on success
 */

gboolean
ps_plot_export (const char      *path,
                int              width,
                int              height,
                PsPlotDrawFunc   draw,
                gpointer         user_data,
                GError         **error)
{
  g_autoptr(GByteArray) bytes = NULL;
  g_autoptr(GError) local = NULL;
  cairo_surface_t *surface = NULL;
  cairo_status_t status;
  cairo_t *cr;
  Format format;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (draw != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!format_from_path (path, &format, error))
    return FALSE;
  if (width <= 0 || height <= 0 || width > 32767 || height > 32767)
    {
      g_set_error (error, PS_PLOT_ERROR, PS_PLOT_ERROR_IO,
                   _("Cannot write “%s”: invalid image size %d × %d"), path, width, height);
      return FALSE;
    }

  bytes = g_byte_array_new ();
  switch (format)
    {
    case FORMAT_PNG:
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
      break;
    case FORMAT_SVG:
      surface = cairo_svg_surface_create_for_stream (append_bytes, bytes, width, height);
      break;
    case FORMAT_PDF:
      surface = cairo_pdf_surface_create_for_stream (append_bytes, bytes, width, height);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Perceptron Studio");
      break;
    default:
      g_assert_not_reached ();
    }

  cr = cairo_create (surface);
  draw (cr, width, height, user_data);
  status = cairo_status (cr);
  cairo_destroy (cr);
  if (status == CAIRO_STATUS_SUCCESS && format == FORMAT_PNG)
    status = cairo_surface_write_to_png_stream (surface, append_bytes, bytes);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, PS_PLOT_ERROR, PS_PLOT_ERROR_IO,
                   _("Cannot render “%s”: %s"), path, cairo_status_to_string (status));
      return FALSE;
    }

  if (!ps_file_write (path, (const char *) bytes->data, bytes->len, 0666, &local))
    {
      g_set_error (error, PS_PLOT_ERROR, PS_PLOT_ERROR_IO,
                   _("Cannot write “%s”: %s"), path, local->message);
      return FALSE;
    }
  return TRUE;
}
