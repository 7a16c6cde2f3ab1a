/* ps-gzip.c: a gzip decompressor that reads every member of a file
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GZlibDecompressor stops at the end of the first gzip member and reports
 * G_CONVERTER_FINISHED, so a file made by `cat a.gz b.gz`, pigz or bgzip
 * would silently lose everything after its first member. This converter
 * wraps one and, when a member ends, resets it for the next member as long
 * as input remains or may still come (no G_CONVERTER_INPUT_AT_END yet).
 */
#include "config.h"

#include "ps-gzip.h"

struct _PsGzipDecompressor
{
  GObject            parent_instance;

  GConverter        *inner;        /* GZlibDecompressor, gzip format */
  gboolean           between;      /* a member ended; the next not begun */
  guint              members;      /* members finished */
};

static void ps_gzip_decompressor_iface_init (GConverterIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PsGzipDecompressor, ps_gzip_decompressor, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_CONVERTER,
                                                      ps_gzip_decompressor_iface_init))

static GConverterResult
ps_gzip_decompressor_convert (GConverter       *converter,
                              const void       *inbuf,
                              gsize             inbuf_size,
                              void             *outbuf,
                              gsize             outbuf_size,
                              GConverterFlags   flags,
                              gsize            *bytes_read,
                              gsize            *bytes_written,
                              GError          **error)
{
  PsGzipDecompressor *self = PS_GZIP_DECOMPRESSOR (converter);
  const guint8 *in = inbuf;
  gsize skipped = 0;

  *bytes_read = 0;
  *bytes_written = 0;

  for (;;)
    {
      GConverterResult res;
      gsize got_in = 0, got_out = 0;

      if (self->between)
        {
          /* zero padding after a member is skipped */
          while (skipped < inbuf_size && in[skipped] == 0)
            skipped++;
          if (skipped == inbuf_size)
            {
              *bytes_read = skipped;
              if (flags & G_CONVERTER_INPUT_AT_END)
                return G_CONVERTER_FINISHED;
              if (skipped > 0)
                return G_CONVERTER_CONVERTED;
              if (flags & G_CONVERTER_FLUSH)
                return G_CONVERTER_FLUSHED;
              g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT,
                                   "Need more input");
              return G_CONVERTER_ERROR;
            }
          /* another member begins */
          g_converter_reset (self->inner);
          self->between = FALSE;
        }

      res = g_converter_convert (self->inner, in + skipped, inbuf_size - skipped,
                                 outbuf, outbuf_size, flags, &got_in, &got_out, error);
      if (res == G_CONVERTER_ERROR)
        {
          /* what was skipped is consumed; the error comes with the next call */
          if (skipped > 0)
            {
              g_clear_error (error);
              *bytes_read = skipped;
              return G_CONVERTER_CONVERTED;
            }
          return G_CONVERTER_ERROR;
        }
      *bytes_read = skipped + got_in;
      *bytes_written = got_out;
      if (res != G_CONVERTER_FINISHED)
        return res;

      /* a member ended */
      self->between = TRUE;
      self->members++;
      skipped += got_in;
      if (skipped == inbuf_size && (flags & G_CONVERTER_INPUT_AT_END))
        return G_CONVERTER_FINISHED;
      if (got_out > 0 || skipped > 0)
        return G_CONVERTER_CONVERTED;
      /* nothing consumed nor produced (cannot happen with zlib, but never
       * report a member's end as the stream's): go on with what follows */
    }
}

static void
ps_gzip_decompressor_reset (GConverter *converter)
{
  PsGzipDecompressor *self = PS_GZIP_DECOMPRESSOR (converter);

  g_converter_reset (self->inner);
  self->between = FALSE;
  self->members = 0;
}

static void
ps_gzip_decompressor_iface_init (GConverterIface *iface)
{
  iface->convert = ps_gzip_decompressor_convert;
  iface->reset = ps_gzip_decompressor_reset;
}

static void
ps_gzip_decompressor_finalize (GObject *object)
{
  PsGzipDecompressor *self = PS_GZIP_DECOMPRESSOR (object);

  g_clear_object (&self->inner);
  G_OBJECT_CLASS (ps_gzip_decompressor_parent_class)->finalize (object);
}

static void
ps_gzip_decompressor_class_init (PsGzipDecompressorClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ps_gzip_decompressor_finalize;
}

static void
ps_gzip_decompressor_init (PsGzipDecompressor *self)
{
  self->inner = G_CONVERTER (g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP));
}

/**
 * ps_gzip_decompressor_new:
 *
 * Returns: (transfer full): a converter for gzip data of one member or
 * several (see ps-gzip.h)
 */
PsGzipDecompressor *
ps_gzip_decompressor_new (void)
{
  return g_object_new (PS_TYPE_GZIP_DECOMPRESSOR, NULL);
}

guint
ps_gzip_decompressor_get_members (PsGzipDecompressor *self)
{
  g_return_val_if_fail (PS_IS_GZIP_DECOMPRESSOR (self), 0);

  return self->members;
}
