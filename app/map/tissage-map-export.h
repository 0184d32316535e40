/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "tissage-map-layout.h"
#include "tissage-map-model.h"
#include "tissage-map-style.h"

G_BEGIN_DECLS

#define TISSAGE_MAP_ERROR (tissage_map_error_quark ())

typedef enum
{
  TISSAGE_MAP_ERROR_WRITE,
  TISSAGE_MAP_ERROR_FORMAT,
  TISSAGE_MAP_ERROR_SIZE,
  TISSAGE_MAP_ERROR_DRAW
} TissageMapError;

/*
 * Options of the exports; start from tissage_map_export_options_init().
 * @width, @height: PNG and SVG size in pixels (the PDF is one A4 landscape
 * page); @scale: PNG pixels per unit (2 for a sharper image);
 * @legend: PNG and SVG get the legend on the right (the PDF always has it);
 * @title, @subtitle: the PDF header (and PNG/SVG if @title is set); %NULL
 * title is the model's title, %NULL subtitle the layout and @date (%NULL:
 * today); filters and highlight as in TissageMapView.
 */
typedef struct
{
  int                 width;
  int                 height;
  double              scale;
  gboolean            legend;
  gboolean            dark;
  const char         *title;
  const char         *subtitle;
  GDateTime          *date;
  TissageMapNodeSize  node_size;
  const gint64       *hidden_categories;
  guint               n_hidden_categories;
  gint64              structure_filter;
  const gint64       *highlight;
  guint               n_highlight;
} TissageMapExportOptions;

GQuark    tissage_map_error_quark          (void);

void      tissage_map_export_options_init  (TissageMapExportOptions       *options);

gboolean  tissage_map_export_png           (const char                    *path,
                                            TissageMapModel               *model,
                                            TissageMapLayoutKind           layout,
                                            const TissageMapExportOptions *options,
                                            GError                       **error);
gboolean  tissage_map_export_svg           (const char                    *path,
                                            TissageMapModel               *model,
                                            TissageMapLayoutKind           layout,
                                            const TissageMapExportOptions *options,
                                            GError                       **error);
gboolean  tissage_map_export_pdf           (const char                    *path,
                                            TissageMapModel               *model,
                                            TissageMapLayoutKind           layout,
                                            const TissageMapExportOptions *options,
                                            GError                       **error);
gboolean  tissage_map_export               (const char                    *path,
                                            TissageMapModel               *model,
                                            TissageMapLayoutKind           layout,
                                            const TissageMapExportOptions *options,
                                            GError                       **error);
GBytes   *tissage_map_export_png_bytes     (TissageMapModel               *model,
                                            TissageMapLayoutKind           layout,
                                            const TissageMapExportOptions *options,
                                            GError                       **error);

void      tissage_map_export_draw          (cairo_t                       *cr,
                                            TissageMapModel               *model,
                                            TissageMapLayoutKind           layout,
                                            const TissageMapExportOptions *options,
                                            double                         x,
                                            double                         y,
                                            double                         width,
                                            double                         height,
                                            double                         text_scale);

const char *tissage_map_layout_kind_get_label (TissageMapLayoutKind        layout);

G_END_DECLS
