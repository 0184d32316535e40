/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-report"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tissage-report-private.h"

/* The typography of the report: its fonts and colours, French spacing
 * and quotes, and the blocks of text. */

#define NARROW_NBSP 0x202F
#define FONT_FAMILY "Cantarell, Noto Sans, DejaVu Sans, sans-serif"

const TissageChartColor tissage_report_ink = { 0.14, 0.16, 0.20, 1.0 };
const TissageChartColor tissage_report_dim = { 0.37, 0.36, 0.39, 1.0 };
const TissageChartColor tissage_report_accent = { 0x1C / 255.0, 0x4E / 255.0, 0x80 / 255.0, 1.0 };
const TissageChartColor tissage_report_rule = { 0.80, 0.82, 0.85, 1.0 };
const TissageChartColor tissage_report_tint = { 0.93, 0.95, 0.98, 1.0 };

static const struct {
  double      size;
  PangoWeight weight;
  PangoStyle  style;
} styles[REPORT_N_STYLES] = {
  [REPORT_STYLE_BODY] = { 9.5, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL },
  [REPORT_STYLE_SMALL] = { 8.5, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL },
  [REPORT_STYLE_CAPTION] = { 7.5, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL },
  [REPORT_STYLE_TITLE] = { 20.0, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL },
  [REPORT_STYLE_HEADING] = { 14.0, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL },
  [REPORT_STYLE_SUBHEADING] = { 10.5, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL },
  [REPORT_STYLE_QUESTION] = { 9.5, PANGO_WEIGHT_NORMAL, PANGO_STYLE_ITALIC },
  [REPORT_STYLE_QUOTE] = { 9.5, PANGO_WEIGHT_NORMAL, PANGO_STYLE_ITALIC },
  [REPORT_STYLE_FIGURE] = { 20.0, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL },
  [REPORT_STYLE_COVER_TITLE] = { 28.0, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL },
  [REPORT_STYLE_COVER_SUBTITLE] = { 13.0, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL },
  [REPORT_STYLE_TABLE] = { 8.0, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL },
  [REPORT_STYLE_TABLE_HEADER] = { 8.0, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL },
  [REPORT_STYLE_RUNNING] = { 7.5, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL },
};

void
tissage_report_set_color (cairo_t                 *cr,
                          const TissageChartColor *color)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha);
}

/* Whether the report is set the French way: its translation says so. */
static gboolean
french_typography (void)
{
  /* TRANSLATORS: "french" if the report's text takes French spacing
   * (narrow no-break spaces before : ; ! ? and inside « »), else "english" */
  return g_str_equal (C_("typography", "english"), "french");
}

static gboolean
is_space (gunichar c)
{
  return c == ' ' || c == '\t' || c == 0x00A0 || c == NARROW_NBSP || c == '\r';
}

/* The last character of @out, 0 if none. */
static gunichar
last_char (GString *out)
{
  const char *last;

  if (out->len == 0)
    return 0;
  last = g_utf8_find_prev_char (out->str, out->str + out->len);
  return last != NULL ? g_utf8_get_char (last) : 0;
}

static void
drop_last_char (GString *out)
{
  const char *last = g_utf8_find_prev_char (out->str, out->str + out->len);

  if (last != NULL)
    g_string_truncate (out, last - out->str);
}

char *
tissage_report_typeset (const char *text,
                        guint       max_chars)
{
  return tissage_report_typeset_for (text, max_chars, french_typography ());
}

char *
tissage_report_typeset_for (const char *text,
                            guint       max_chars,
                            gboolean    french)
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean open_quote = FALSE;
  guint chars = 0;
  const char *p;

  for (p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gunichar next = g_utf8_get_char (g_utf8_next_char (p));
      gunichar previous = last_char (out);

      if (max_chars > 0 && chars >= max_chars)
        break;

      /* Blanks as one space; a line break as one, kept. */
      if (is_space (c))
        {
          if (previous != 0 && previous != ' ' && previous != '\n' && previous != NARROW_NBSP && previous != 0x00A0)
            {
              /* A no-break space stays one: « 45 000 heures » on one line. */
              if (c == 0x00A0 || c == NARROW_NBSP)
                g_string_append_unichar (out, c);
              else
                g_string_append_c (out, ' ');
              chars++;
            }
          continue;
        }
      if (c == '\n')
        {
          while (last_char (out) == ' ')
            drop_last_char (out);
          if (out->len > 0 && last_char (out) != '\n')
            {
              g_string_append_c (out, '\n');
              chars++;
            }
          continue;
        }
      /* Control characters from another tool would show as boxes. */
      if (g_unichar_iscntrl (c))
        continue;

      if (c == '\'')
        c = 0x2019;
      else if (c == '"' && french)
        {
          c = open_quote ? 0x00BB : 0x00AB;
          open_quote = !open_quote;
        }
      else if (c == '"')
        {
          c = open_quote ? 0x201D : 0x201C;
          open_quote = !open_quote;
        }
      else if (c == 0x00AB)
        open_quote = TRUE;
      else if (c == 0x00BB)
        open_quote = FALSE;

      if (french)
        {
          gboolean spaced = previous == ' ';
          gboolean word_before = previous != 0 && g_unichar_isalnum (previous);
          gboolean ends_word = next == 0 || next == ' ' || next == '\n' || next == 0x00BB || next == '!' ||
                               next == '?' || next == '.' || next == ')';

          /* A narrow no-break space before : ; ! ? and », after «: in
           * place of a space, or added after a word ("Attention!"), but
           * not inside "10:30" or an address. */
          if ((c == ':' || c == ';' || c == '!' || c == '?' || c == 0x00BB) &&
              (spaced || (word_before && (ends_word || c == 0x00BB))))
            {
              if (spaced)
                drop_last_char (out);
              g_string_append_unichar (out, NARROW_NBSP);
            }
          g_string_append_unichar (out, c);
          chars++;
          if (c == 0x00AB)
            {
              g_string_append_unichar (out, NARROW_NBSP);
              /* The space typed after « is the one just added. */
              while (is_space (g_utf8_get_char (g_utf8_next_char (p))) && *g_utf8_next_char (p) != '\0')
                p = g_utf8_next_char (p);
            }
          continue;
        }

      g_string_append_unichar (out, c);
      chars++;
    }

  while (out->len > 0 && (last_char (out) == ' ' || last_char (out) == '\n'))
    drop_last_char (out);

  if (*p != '\0')
    {
      /* Cut at the last word that fits, with an ellipsis. */
      char *space = strrchr (out->str, ' ');

      if (space != NULL && space - out->str > (gssize) out->len / 2)
        g_string_truncate (out, space - out->str);
      while (out->len > 0 && g_unichar_ispunct (last_char (out)) && last_char (out) != 0x00BB)
        drop_last_char (out);
      g_string_append (out, "…");
      if (open_quote && french)
        g_string_append (out, "\u202f»");
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

PangoContext *
tissage_report_context_new (void)
{
  /* A font map of its own: the pages may be drawn in another thread
   * than the one that laid them out, while the window draws with the
   * default one. */
  g_autoptr(PangoFontMap) map = pango_cairo_font_map_new ();
  PangoContext *context = pango_font_map_create_context (map);
  cairo_font_options_t *options = cairo_font_options_create ();

  /* Laid out once, for the PDF and the printer alike: positions that do
   * not depend on a device's pixels. */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  pango_cairo_context_set_resolution (context, 72.0);
  pango_context_set_round_glyph_positions (context, FALSE);
  pango_context_set_language (context, pango_language_from_string (french_typography () ? "fr-fr" : "en"));

  return context;
}

static PangoLayout *
new_layout (PangoContext *context,
            ReportStyle   style,
            double        width,
            int           max_lines)
{
  PangoLayout *layout = pango_layout_new (context);
  PangoFontDescription *font = pango_font_description_from_string (FONT_FAMILY);

  g_return_val_if_fail (style < REPORT_N_STYLES, layout);

  pango_font_description_set_absolute_size (font, styles[style].size * PANGO_SCALE);
  pango_font_description_set_weight (font, styles[style].weight);
  pango_font_description_set_style (font, styles[style].style);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);

  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  if (max_lines > 0)
    {
      pango_layout_set_height (layout, -max_lines);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  if (style == REPORT_STYLE_BODY || style == REPORT_STYLE_QUOTE)
    pango_layout_set_spacing (layout, (int) (1.5 * PANGO_SCALE));

  return layout;
}

/* The narrow no-break space of French numbers (« 41 200 », « 55 % ») and
 * punctuation is missing from Cantarell: Pango would draw it with no width,
 * « 41200 ». A thin space the font has, held to its neighbours by word
 * joiners (drawn as nothing), reads the same and breaks no more. */
static char *
with_drawable_spaces (const char *text)
{
  GString *out;

  if (text == NULL)
    return g_strdup ("");
  if (strstr (text, "\u202f") == NULL)
    return g_strdup (text);
  out = g_string_new (NULL);
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == NARROW_NBSP)
        g_string_append (out, "\u2060\u2009\u2060");
      else
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

PangoLayout *
tissage_report_layout (PangoContext *context,
                       ReportStyle   style,
                       const char   *text,
                       double        width,
                       int           max_lines)
{
  PangoLayout *layout = new_layout (context, style, width, max_lines);
  g_autofree char *drawn = with_drawable_spaces (text);

  pango_layout_set_text (layout, drawn, -1);
  return layout;
}

PangoLayout *
tissage_report_layout_markup (PangoContext *context,
                              ReportStyle   style,
                              const char   *markup,
                              double        width,
                              int           max_lines)
{
  PangoLayout *layout = new_layout (context, style, width, max_lines);
  g_autofree char *drawn = with_drawable_spaces (markup);

  pango_layout_set_markup (layout, drawn, -1);
  return layout;
}

double
tissage_report_layout_height (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.height / PANGO_SCALE;
}

double
tissage_report_layout_width (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return (double) (logical.x + logical.width) / PANGO_SCALE;
}

void
tissage_report_show_layout (cairo_t                 *cr,
                            PangoLayout             *layout,
                            double                   x,
                            double                   y,
                            const TissageChartColor *color)
{
  tissage_report_set_color (cr, color);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

/* Blocks of text */

ReportBlock *
tissage_report_block_new (const ReportBlockClass *klass,
                          gpointer                data,
                          GDestroyNotify          free_data)
{
  ReportBlock *block = g_new0 (ReportBlock, 1);

  block->klass = klass;
  block->data = data;
  block->free_data = free_data;
  block->entry = -1;
  return block;
}

void
tissage_report_block_free (gpointer data)
{
  ReportBlock *block = data;

  if (block->free_data != NULL)
    block->free_data (block->data);
  g_free (block);
}

typedef struct
{
  ReportStyle  style;
  char        *text;
  gboolean     markup;
  PangoLayout *layout;
} TextBlock;

static void
text_block_free (gpointer data)
{
  TextBlock *text = data;

  g_free (text->text);
  g_clear_object (&text->layout);
  g_free (text);
}

static double
text_measure (ReportBlock  *block,
              PangoContext *context,
              double        width)
{
  TextBlock *text = block->data;

  g_clear_object (&text->layout);
  text->layout = text->markup ? tissage_report_layout_markup (context, text->style, text->text, width, 0)
                              : tissage_report_layout (context, text->style, text->text, width, 0);
  return tissage_report_layout_height (text->layout);
}

static void
text_draw (ReportBlock *block,
           cairo_t     *cr,
           double       x,
           double       y,
           double       width)
{
  TextBlock *text = block->data;
  gboolean heading = text->style == REPORT_STYLE_TITLE || text->style == REPORT_STYLE_HEADING ||
                     text->style == REPORT_STYLE_SUBHEADING;

  tissage_report_show_layout (cr, text->layout, x, y,
                              heading ? &tissage_report_accent
                              : text->style == REPORT_STYLE_CAPTION || text->style == REPORT_STYLE_QUESTION
                                ? &tissage_report_dim : &tissage_report_ink);
}

static const ReportBlockClass text_class = { text_measure, text_draw };

ReportBlock *
tissage_report_text_block (ReportStyle  style,
                           const char  *text,
                           guint        max_chars)
{
  TextBlock *data = g_new0 (TextBlock, 1);

  data->style = style;
  data->text = tissage_report_typeset (text, max_chars);
  return tissage_report_block_new (&text_class, data, text_block_free);
}

ReportBlock *
tissage_report_markup_block (ReportStyle  style,
                             const char  *markup)
{
  TextBlock *data = g_new0 (TextBlock, 1);

  data->style = style;
  data->text = g_strdup (markup);
  data->markup = TRUE;
  return tissage_report_block_new (&text_class, data, text_block_free);
}
