/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-map"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "tissage-map-render-private.h"
#include "tissage-map-style.h"

typedef struct
{
  const char *light;
  const char *dark;
  double      dashes[4];
  int         n_dashes;
} LinkStyle;

/* GNOME palette: blue 3, green 5, purple 3, orange 4, brown 3, light 5 */
static const LinkStyle link_styles[TISSAGE_MAP_N_LINK_KINDS] = {
  [TISSAGE_MAP_LINK_COOPERATION]   = { "#3584e4", "#62a0ea", { 0 }, 0 },
  [TISSAGE_MAP_LINK_FUNDING]       = { "#26a269", "#57e389", { 0 }, 0 },
  [TISSAGE_MAP_LINK_SUPPORT]       = { "#9141ac", "#c061cb", { 6.0, 3.0 }, 2 },
  [TISSAGE_MAP_LINK_REFERRAL]      = { "#e66100", "#ffa348", { 2.0, 3.0 }, 2 },
  [TISSAGE_MAP_LINK_INSTITUTIONAL] = { "#865e3c", "#cdab8f", { 9.0, 3.0, 2.0, 3.0 }, 4 },
  [TISSAGE_MAP_LINK_OTHER]         = { "#77767b", "#9a9996", { 0 }, 0 },
};

static const char * const link_labels[TISSAGE_MAP_N_LINK_KINDS] = {
  [TISSAGE_MAP_LINK_COOPERATION]   = NC_("link kind", "Cooperation"),
  [TISSAGE_MAP_LINK_FUNDING]       = NC_("link kind", "Funding"),
  [TISSAGE_MAP_LINK_SUPPORT]       = NC_("link kind", "Support"),
  [TISSAGE_MAP_LINK_REFERRAL]      = NC_("link kind", "Referral of people"),
  [TISSAGE_MAP_LINK_INSTITUTIONAL] = NC_("link kind", "Institutional partnership"),
  [TISSAGE_MAP_LINK_OTHER]         = NC_("link kind", "Other link"),
};

/* Kinds are stored as the French words the interface offers; the English
 * keys are accepted too. Compared without case or accents. */
static const struct
{
  const char         *key;
  TissageMapLinkKind  kind;
} link_keys[] = {
  { "cooperation", TISSAGE_MAP_LINK_COOPERATION },
  { "financement", TISSAGE_MAP_LINK_FUNDING },
  { "funding", TISSAGE_MAP_LINK_FUNDING },
  { "accompagnement", TISSAGE_MAP_LINK_SUPPORT },
  { "support", TISSAGE_MAP_LINK_SUPPORT },
  { "orientation de publics", TISSAGE_MAP_LINK_REFERRAL },
  { "orientation des publics", TISSAGE_MAP_LINK_REFERRAL },
  { "referral", TISSAGE_MAP_LINK_REFERRAL },
  { "referral of people", TISSAGE_MAP_LINK_REFERRAL },
  { "partenariat institutionnel", TISSAGE_MAP_LINK_INSTITUTIONAL },
  { "institutional partnership", TISSAGE_MAP_LINK_INSTITUTIONAL },
};

static const char * const proximity_labels[TISSAGE_MAP_N_PROXIMITIES] = {
  [TISSAGE_MAP_PROXIMITY_CORE]      = NC_("proximity ring", "Core"),
  [TISSAGE_MAP_PROXIMITY_ENGAGED]   = NC_("proximity ring", "Engaged"),
  [TISSAGE_MAP_PROXIMITY_PERIPHERY] = NC_("proximity ring", "Periphery"),
  [TISSAGE_MAP_PROXIMITY_EXTERNAL]  = NC_("proximity ring", "External"),
};

static int
hex_digit (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/*
 * Parses "#rrggbb" or "#rgb". On failure @color is set to a neutral grey
 * and %FALSE is returned.
 */
gboolean
tissage_map_color_parse (const char      *spec,
                         TissageMapColor *color)
{
  int v[6];
  size_t len;

  g_return_val_if_fail (color != NULL, FALSE);

  color->red = color->green = color->blue = 0.6;
  color->alpha = 1.0;

  if (spec == NULL)
    return FALSE;
  while (*spec == ' ')
    spec++;
  if (*spec != '#')
    return FALSE;
  spec++;
  len = strlen (spec);
  while (len > 0 && spec[len - 1] == ' ')
    len--;
  if (len != 6 && len != 3)
    return FALSE;

  for (size_t i = 0; i < len; i++)
    if ((v[i] = hex_digit (spec[i])) < 0)
      return FALSE;

  if (len == 6)
    {
      color->red = (v[0] * 16 + v[1]) / 255.0;
      color->green = (v[2] * 16 + v[3]) / 255.0;
      color->blue = (v[4] * 16 + v[5]) / 255.0;
    }
  else
    {
      color->red = v[0] * 17 / 255.0;
      color->green = v[1] * 17 / 255.0;
      color->blue = v[2] * 17 / 255.0;
    }

  return TRUE;
}

TissageMapLinkKind
tissage_map_link_kind_from_string (const char *kind)
{
  g_autofree char *ascii = NULL;
  g_autofree char *folded = NULL;
  g_autofree char *stripped = NULL;

  if (kind == NULL || *kind == '\0')
    return TISSAGE_MAP_LINK_OTHER;

  ascii = g_str_to_ascii (kind, "C");
  folded = g_ascii_strdown (ascii, -1);
  stripped = g_strstrip (g_strdup (folded));

  for (guint i = 0; i < G_N_ELEMENTS (link_keys); i++)
    if (g_str_equal (stripped, link_keys[i].key))
      return link_keys[i].kind;

  return TISSAGE_MAP_LINK_OTHER;
}

const char *
tissage_map_link_kind_get_label (TissageMapLinkKind kind)
{
  g_return_val_if_fail (kind < TISSAGE_MAP_N_LINK_KINDS, NULL);

  return g_dpgettext2 (GETTEXT_PACKAGE, "link kind", link_labels[kind]);
}

void
tissage_map_link_kind_get_color (TissageMapLinkKind  kind,
                                 gboolean            dark,
                                 TissageMapColor    *color)
{
  g_return_if_fail (kind < TISSAGE_MAP_N_LINK_KINDS);

  tissage_map_color_parse (dark ? link_styles[kind].dark : link_styles[kind].light, color);
}

/* Dash pattern in logical pixels, or %NULL for a solid line. */
const double *
tissage_map_link_kind_get_dashes (TissageMapLinkKind  kind,
                                  int                *n_dashes)
{
  g_return_val_if_fail (kind < TISSAGE_MAP_N_LINK_KINDS, NULL);

  *n_dashes = link_styles[kind].n_dashes;
  return link_styles[kind].n_dashes > 0 ? link_styles[kind].dashes : NULL;
}

/* Line width in logical pixels for a strength of 1 to 3. */
double
tissage_map_link_width (int strength)
{
  switch (CLAMP (strength, 1, 3))
    {
    case 1:
      return 1.0;
    case 2:
      return 1.7;
    default:
      return 2.6;
    }
}

const char *
tissage_map_proximity_get_label (TissageMapProximity proximity)
{
  g_return_val_if_fail (proximity < TISSAGE_MAP_N_PROXIMITIES, NULL);

  return g_dpgettext2 (GETTEXT_PACKAGE, "proximity ring", proximity_labels[proximity]);
}

/*
 * Node radius in world units: the disc's area grows with the influence (or
 * with the number of links relative to @max_links).
 */
double
tissage_map_node_radius (const TissageMapNode *node,
                         TissageMapNodeSize    size,
                         guint                 max_links)
{
  double t;

  g_return_val_if_fail (node != NULL, TISSAGE_MAP_NODE_RADIUS_MIN);

  if (size == TISSAGE_MAP_NODE_SIZE_LINKS)
    t = max_links > 0 ? (double) MIN (node->n_links, max_links) / max_links : 0.0;
  else
    t = CLAMP (node->influence, 0, 100) / 100.0;

  return TISSAGE_MAP_NODE_RADIUS_MIN +
         (TISSAGE_MAP_NODE_RADIUS_MAX - TISSAGE_MAP_NODE_RADIUS_MIN) * sqrt (t);
}

/* Colours */

void
tissage_map_color_hex (TissageMapColor *color,
                       const char      *spec,
                       double           alpha)
{
  tissage_map_color_parse (spec, color);
  color->alpha = alpha;
}

TissageMapColor
tissage_map_color_mix (const TissageMapColor *a,
                       const TissageMapColor *b,
                       double                 t)
{
  TissageMapColor c = {
    a->red + (b->red - a->red) * t,
    a->green + (b->green - a->green) * t,
    a->blue + (b->blue - a->blue) * t,
    a->alpha + (b->alpha - a->alpha) * t,
  };

  return c;
}

/* The colour @top at @alpha over the opaque @bottom, as an opaque colour */
TissageMapColor
tissage_map_color_over (const TissageMapColor *bottom,
                        const char            *top,
                        double                 alpha)
{
  TissageMapColor t;

  tissage_map_color_hex (&t, top, 1.0);
  return tissage_map_color_mix (bottom, &t, alpha);
}

guint32
tissage_map_color_pack_rgb (const TissageMapColor *c)
{
  return ((guint32) lround (CLAMP (c->red, 0.0, 1.0) * 255.0) << 16) |
         ((guint32) lround (CLAMP (c->green, 0.0, 1.0) * 255.0) << 8) |
         (guint32) lround (CLAMP (c->blue, 0.0, 1.0) * 255.0);
}

void
tissage_map_set_source_color (cairo_t               *cr,
                              const TissageMapColor *color,
                              double                 alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

/* libadwaita's light and dark palettes */
void
tissage_map_palette_init (TissageMapPalette *p,
                          gboolean           dark)
{
  memset (p, 0, sizeof *p);

  if (!dark)
    {
      tissage_map_color_hex (&p->background, "#ffffff", 1.0);
      tissage_map_color_hex (&p->foreground, "#241f31", 1.0);
      tissage_map_color_hex (&p->dim_foreground, "#5e5c64", 1.0);
      tissage_map_color_hex (&p->accent, "#3584e4", 1.0);
      tissage_map_color_hex (&p->ring_text, "#1a5fb4", 1.0);
      p->rings[0] = tissage_map_color_over (&p->background, "#3584e4", 0.17);
      p->rings[1] = tissage_map_color_over (&p->background, "#3584e4", 0.11);
      p->rings[2] = tissage_map_color_over (&p->background, "#3584e4", 0.065);
      p->rings[3] = tissage_map_color_over (&p->background, "#3584e4", 0.03);
      tissage_map_color_hex (&p->ring_line, "#3584e4", 0.30);
      tissage_map_color_hex (&p->sector_line, "#1a5fb4", 0.13);
      tissage_map_color_hex (&p->center, "#3584e4", 1.0);
      tissage_map_color_hex (&p->center_text, "#ffffff", 1.0);
      tissage_map_color_hex (&p->label_background, "#ffffff", 0.86);
      tissage_map_color_hex (&p->card, "#ffffff", 0.96);
      tissage_map_color_hex (&p->card_border, "#000000", 0.12);
      p->quadrants[0] = tissage_map_color_over (&p->background, "#3584e4", 0.13);
      p->quadrants[1] = tissage_map_color_over (&p->background, "#f5c211", 0.16);
      p->quadrants[2] = tissage_map_color_over (&p->background, "#33d17a", 0.13);
      p->quadrants[3] = tissage_map_color_over (&p->background, "#77767b", 0.08);
      tissage_map_color_hex (&p->quadrant_text[0], "#1a5fb4", 1.0);
      tissage_map_color_hex (&p->quadrant_text[1], "#9c6e03", 1.0);
      tissage_map_color_hex (&p->quadrant_text[2], "#1e8750", 1.0);
      tissage_map_color_hex (&p->quadrant_text[3], "#5e5c64", 1.0);
      tissage_map_color_hex (&p->badge, "#3d3846", 1.0);
      tissage_map_color_hex (&p->badge_text, "#ffffff", 1.0);
      p->edge_alpha = 0.62;
      p->dim_mix = 0.8;
    }
  else
    {
      tissage_map_color_hex (&p->background, "#1e1e1e", 1.0);
      tissage_map_color_hex (&p->foreground, "#ffffff", 1.0);
      tissage_map_color_hex (&p->dim_foreground, "#c0bfbc", 1.0);
      tissage_map_color_hex (&p->accent, "#3584e4", 1.0);
      tissage_map_color_hex (&p->ring_text, "#99c1f1", 1.0);
      p->rings[0] = tissage_map_color_over (&p->background, "#62a0ea", 0.22);
      p->rings[1] = tissage_map_color_over (&p->background, "#62a0ea", 0.15);
      p->rings[2] = tissage_map_color_over (&p->background, "#62a0ea", 0.095);
      p->rings[3] = tissage_map_color_over (&p->background, "#62a0ea", 0.05);
      tissage_map_color_hex (&p->ring_line, "#62a0ea", 0.35);
      tissage_map_color_hex (&p->sector_line, "#99c1f1", 0.14);
      tissage_map_color_hex (&p->center, "#3584e4", 1.0);
      tissage_map_color_hex (&p->center_text, "#ffffff", 1.0);
      tissage_map_color_hex (&p->label_background, "#1e1e1e", 0.84);
      tissage_map_color_hex (&p->card, "#303030", 0.96);
      tissage_map_color_hex (&p->card_border, "#ffffff", 0.12);
      p->quadrants[0] = tissage_map_color_over (&p->background, "#62a0ea", 0.18);
      p->quadrants[1] = tissage_map_color_over (&p->background, "#f8e45c", 0.14);
      p->quadrants[2] = tissage_map_color_over (&p->background, "#57e389", 0.13);
      p->quadrants[3] = tissage_map_color_over (&p->background, "#c0bfbc", 0.08);
      tissage_map_color_hex (&p->quadrant_text[0], "#99c1f1", 1.0);
      tissage_map_color_hex (&p->quadrant_text[1], "#f9f06b", 1.0);
      tissage_map_color_hex (&p->quadrant_text[2], "#8ff0a4", 1.0);
      tissage_map_color_hex (&p->quadrant_text[3], "#c0bfbc", 1.0);
      tissage_map_color_hex (&p->badge, "#deddda", 1.0);
      tissage_map_color_hex (&p->badge_text, "#241f31", 1.0);
      p->edge_alpha = 0.7;
      p->dim_mix = 0.78;
    }
}
