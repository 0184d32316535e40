/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-report"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "tissage-report-private.h"

/* Pagination: the blocks go down the pages one after the other; a block
 * never straddles two pages (a table's row, a quote's box, an
 * indicator), a heading stays with what follows it, a section starts a
 * page, a table's header comes again at the top of a page its rows go on
 * to. Then each page is drawn: the cover, the table of contents with its
 * links, the running header and the footer around the blocks. */

#define TOC_LINE_1 18.0
#define TOC_LINE_2 14.0
#define TOC_TITLE_SPACE 40.0
#define COVER_LOGO_WIDTH 170.0
#define COVER_LOGO_HEIGHT 90.0

typedef struct
{
  ReportBlock *block;
  double       y;
} Placement;

typedef struct
{
  GArray *placed;     /* Placement */
  int     section;    /* its running header's entry, or -1 */
} ReportPage;

typedef struct
{
  guint  page;        /* among the pages of the table of contents */
  double y;
} TocLine;

struct _TissageReportLayout
{
  PangoContext *context;
  GPtrArray    *blocks;
  GPtrArray    *entries;   /* ReportEntry */
  GPtrArray    *pages;     /* ReportPage, of the body */
  GArray       *toc;       /* TocLine, one per entry */
  guint         toc_pages;
};

static void
entry_free (gpointer data)
{
  ReportEntry *entry = data;

  g_free (entry->title);
  g_free (entry->dest);
  g_free (entry);
}

static void
page_free (gpointer data)
{
  ReportPage *page = data;

  g_array_unref (page->placed);
  g_free (page);
}

TissageReportLayout *
tissage_report_layout_new (void)
{
  TissageReportLayout *layout = g_new0 (TissageReportLayout, 1);

  layout->context = tissage_report_context_new ();
  layout->blocks = g_ptr_array_new_with_free_func (tissage_report_block_free);
  layout->entries = g_ptr_array_new_with_free_func (entry_free);
  layout->pages = g_ptr_array_new_with_free_func (page_free);
  layout->toc = g_array_new (FALSE, FALSE, sizeof (TocLine));
  return layout;
}

void
tissage_report_layout_free (TissageReportLayout *layout)
{
  if (layout == NULL)
    return;

  g_object_unref (layout->context);
  g_ptr_array_unref (layout->blocks);
  g_ptr_array_unref (layout->entries);
  g_ptr_array_unref (layout->pages);
  g_array_unref (layout->toc);
  g_free (layout);
}

int
tissage_report_layout_add_entry (TissageReportLayout *layout,
                                 const char          *title,
                                 int                  level)
{
  ReportEntry *entry = g_new0 (ReportEntry, 1);

  entry->title = tissage_report_typeset (title, 160);
  entry->level = level;
  entry->dest = g_strdup_printf ("section-%u", layout->entries->len + 1);
  g_ptr_array_add (layout->entries, entry);
  return layout->entries->len - 1;
}

void
tissage_report_layout_add_block (TissageReportLayout *layout,
                                 ReportBlock         *block)
{
  g_ptr_array_add (layout->blocks, block);
}

GPtrArray *
tissage_report_layout_get_entries (TissageReportLayout *layout)
{
  return layout->entries;
}

static ReportPage *
add_page (TissageReportLayout *layout,
          int                  section)
{
  ReportPage *page = g_new0 (ReportPage, 1);

  page->placed = g_array_new (FALSE, FALSE, sizeof (Placement));
  page->section = section;
  g_ptr_array_add (layout->pages, page);
  return page;
}

static void
place (ReportPage  *page,
       ReportBlock *block,
       double       y)
{
  Placement placement = { block, y };

  g_array_append_val (page->placed, placement);
}

/* The table of contents: one line per entry, over as many pages as it
 * takes, before the body. */
static void
paginate_toc (TissageReportLayout *layout)
{
  double y = REPORT_BODY_TOP + TOC_TITLE_SPACE;
  guint page = 0;

  g_array_set_size (layout->toc, 0);
  for (guint i = 0; i < layout->entries->len; i++)
    {
      ReportEntry *entry = g_ptr_array_index (layout->entries, i);
      double line = entry->level == 1 ? TOC_LINE_1 : TOC_LINE_2;
      TocLine toc;

      if (entry->level == 1 && i > 0)
        line += 6.0;
      if (y + line > REPORT_BODY_BOTTOM)
        {
          page++;
          y = REPORT_BODY_TOP;
        }
      toc.page = page;
      toc.y = y + line - (entry->level == 1 ? TOC_LINE_1 : TOC_LINE_2);
      g_array_append_val (layout->toc, toc);
      y += line;
    }
  layout->toc_pages = page + 1;
}

/* Whether block @i keeps with the one after it: a heading, or a short
 * text under a heading. */
static gboolean
keeps_with_next (TissageReportLayout *layout,
                 guint                i)
{
  ReportBlock *block = g_ptr_array_index (layout->blocks, i);
  ReportBlock *before;

  if (block->keep_with_next)
    return TRUE;
  if (i == 0 || block->header != NULL || block->height > REPORT_BODY_HEIGHT / 8)
    return FALSE;
  before = g_ptr_array_index (layout->blocks, i - 1);
  return before->keep_with_next && before->entry >= 0;
}

/* The height of block @i and those after it up to the next section. */
static double
section_tail (TissageReportLayout *layout,
              guint                i)
{
  double tail = 0;

  for (guint j = i; j < layout->blocks->len; j++)
    {
      ReportBlock *block = g_ptr_array_index (layout->blocks, j);

      if (j > i && block->page_break)
        break;
      tail += (j > i ? block->space_before : 0) + block->height;
    }
  return tail;
}

/* Moves the last blocks of @from (each with the headings kept with it)
 * to the top of @to, until @to holds a fifth of a page with @tail, if
 * that leaves @from something and @to room for @tail. Returns how many
 * blocks moved; *@y is then under them. */
static guint
move_along (TissageReportLayout *layout,
            ReportPage          *from,
            ReportPage          *to,
            double               tail,
            double              *y)
{
  guint n = from->placed->len;
  guint first = n;
  double height = 0;

  while (tail + height < REPORT_BODY_HEIGHT / 5)
    {
      guint start = first;
      gboolean rows;
      double unit;

      if (start < 2)
        break;
      /* A block, and the headings just before it. */
      start--;
      while (start > 0 && g_array_index (from->placed, Placement, start - 1).block->keep_with_next)
        start--;
      if (start == 0)
        break;
      unit = 0;
      rows = FALSE;
      for (guint k = start; k < first; k++)
        {
          ReportBlock *block = g_array_index (from->placed, Placement, k).block;

          /* Rows of a table stay under its header. */
          rows |= block->header != NULL;
          unit += (k > start ? block->space_before : 0) + block->height;
        }
      if (rows)
        break;
      if (first < n)
        unit += g_array_index (from->placed, Placement, first).block->space_before;
      if (height + unit + tail > REPORT_BODY_HEIGHT || height + unit > REPORT_BODY_HEIGHT / 3)
        break;
      height += unit;
      first = start;
    }
  if (first == n)
    return 0;

  *y = REPORT_BODY_TOP;
  for (guint k = first; k < n; k++)
    {
      ReportBlock *block = g_array_index (from->placed, Placement, k).block;
      double space = k > first ? block->space_before : 0;

      place (to, block, *y + space);
      *y += space + block->height;
    }
  g_array_set_size (from->placed, first);
  return n - first;
}

void
tissage_report_layout_paginate (TissageReportLayout *layout)
{
  ReportPage *page = NULL;
  double y = REPORT_BODY_TOP;
  int section = -1;
  guint first_body_page;

  for (guint i = 0; i < layout->blocks->len; i++)
    {
      ReportBlock *block = g_ptr_array_index (layout->blocks, i);

      block->height = block->klass->measure (block, layout->context, REPORT_BODY_WIDTH);
    }

  paginate_toc (layout);
  first_body_page = 1 + layout->toc_pages;
  g_ptr_array_set_size (layout->pages, 0);

  for (guint i = 0; i < layout->blocks->len; i++)
    {
      ReportBlock *block = g_ptr_array_index (layout->blocks, i);
      gboolean empty = page == NULL || page->placed->len == 0;
      double space = empty ? 0 : block->space_before;
      double need = space + block->height;

      if (block->entry >= 0 && ((ReportEntry *) g_ptr_array_index (layout->entries, block->entry))->level == 1)
        section = block->entry;

      /* A heading comes with the next block, or with as much of it as a
       * page holds; so does a short text right under a heading (the
       * sentence introducing a table or an indicator). */
      for (guint j = i; j + 1 < layout->blocks->len; j++)
        {
          ReportBlock *next = g_ptr_array_index (layout->blocks, j + 1);

          if (!keeps_with_next (layout, j) || next->page_break)
            break;
          need += next->space_before + next->height;
        }
      need = MIN (need, REPORT_BODY_HEIGHT);

      if (page == NULL || (block->page_break && !empty) || (!empty && y + need > REPORT_BODY_BOTTOM))
        {
          ReportPage *previous = block->page_break ? NULL : page;
          double tail = section_tail (layout, i);
          guint moved_from = 0;

          page = add_page (layout, section);
          y = REPORT_BODY_TOP;
          space = 0;
          /* A table goes on under its header again. */
          if (block->header != NULL)
            {
              place (page, block->header, y);
              y += block->header->height;
            }
          /* No page for the end of a section alone: the block before it
           * (with its heading) comes along, if the page holds them. */
          else if (previous != NULL && tail < REPORT_BODY_HEIGHT / 4)
            moved_from = move_along (layout, previous, page, tail, &y);
          if (moved_from > 0)
            for (guint k = 0; k < page->placed->len; k++)
              {
                ReportBlock *moved = g_array_index (page->placed, Placement, k).block;

                if (moved->entry >= 0)
                  ((ReportEntry *) g_ptr_array_index (layout->entries, moved->entry))->page =
                    first_body_page + layout->pages->len - 1;
              }
          if (moved_from > 0)
            space = block->space_before;
        }

      place (page, block, y + space);
      y += space + block->height;
      if (block->entry >= 0)
        ((ReportEntry *) g_ptr_array_index (layout->entries, block->entry))->page = first_body_page + layout->pages->len - 1;
    }
}

guint
tissage_report_layout_get_n_pages (TissageReportLayout *layout)
{
  return 1 + layout->toc_pages + layout->pages->len;
}

/* Drawing */

static void
draw_rule (cairo_t                 *cr,
           double                   x,
           double                   y,
           double                   width,
           double                   thickness,
           const TissageChartColor *color)
{
  tissage_report_set_color (cr, color);
  cairo_rectangle (cr, x, y, width, thickness);
  cairo_fill (cr);
}

static void
draw_running (TissageReportLayout *layout,
              TissageReportData   *data,
              cairo_t             *cr,
              guint                page,
              const char          *section)
{
  g_autoptr(PangoLayout) left = NULL;
  g_autoptr(PangoLayout) right = NULL;
  g_autoptr(PangoLayout) footer = NULL;
  g_autofree char *project = *data->name != '\0' ? g_strdup (data->name) : g_strdup (_("Impact report"));
  g_autofree char *name = NULL;
  g_autofree char *number = NULL;
  double half = REPORT_BODY_WIDTH / 2 - 6;
  double top = TISSAGE_REPORT_MARGIN;
  double width;

  /* A report on one period says which on every page. */
  if (data->period_label != NULL)
    {
      g_autofree char *both = g_strdup_printf ("%s · %s", project, data->period_label);

      name = tissage_report_typeset (both, 0);
    }
  else
    name = tissage_report_typeset (project, 0);
  left = tissage_report_layout (layout->context, REPORT_STYLE_RUNNING, name, half, 1);
  tissage_report_show_layout (cr, left, REPORT_BODY_LEFT, top, &tissage_report_dim);
  if (section != NULL)
    {
      right = tissage_report_layout (layout->context, REPORT_STYLE_RUNNING, section, half, 1);
      pango_layout_set_alignment (right, PANGO_ALIGN_RIGHT);
      tissage_report_show_layout (cr, right, REPORT_BODY_LEFT + REPORT_BODY_WIDTH - half, top, &tissage_report_dim);
    }
  draw_rule (cr, REPORT_BODY_LEFT, top + 13.0, REPORT_BODY_WIDTH, 0.5, &tissage_report_rule);

  /* TRANSLATORS: the footer of each page of the report: "page 3 of 12" */
  number = g_strdup_printf (_("page %u of %u"), page + 1, tissage_report_layout_get_n_pages (layout));
  footer = tissage_report_layout (layout->context, REPORT_STYLE_RUNNING, number, 0, 0);
  width = tissage_report_layout_width (footer);
  tissage_report_show_layout (cr, footer, REPORT_BODY_LEFT + (REPORT_BODY_WIDTH - width) / 2,
                              TISSAGE_REPORT_PAGE_HEIGHT - TISSAGE_REPORT_MARGIN - tissage_report_layout_height (footer),
                              &tissage_report_dim);
}

static void
show_line (TissageReportLayout *layout,
           cairo_t             *cr,
           ReportStyle          style,
           const char          *text,
           double               x,
           double              *y,
           double               width,
           int                  max_lines,
           const TissageChartColor *color,
           double               space_after)
{
  g_autoptr(PangoLayout) line = NULL;

  if (text == NULL || *text == '\0')
    return;
  line = tissage_report_layout (layout->context, style, text, width, max_lines);
  tissage_report_show_layout (cr, line, x, *y, color);
  *y += tissage_report_layout_height (line) + space_after;
}

static void
draw_cover (TissageReportLayout *layout,
            TissageReportData   *data,
            cairo_surface_t     *logo,
            cairo_t             *cr)
{
  double x = REPORT_BODY_LEFT + 22.0;
  double width = REPORT_BODY_WIDTH - 22.0;
  double y = TISSAGE_REPORT_MARGIN + 40.0;
  g_autofree char *title = tissage_report_typeset (*data->name != '\0' ? data->name : _("Untitled project"), 200);
  g_autofree char *collective = tissage_report_typeset (data->collective, 200);
  g_autofree char *territory = tissage_report_typeset (data->territory, 200);
  g_autofree char *period = NULL;
  g_autofree char *structure = NULL;
  g_autofree char *date = NULL;
  g_autofree char *made = NULL;

  /* A band of the accent colour down the left, inside the margin. */
  draw_rule (cr, REPORT_BODY_LEFT, TISSAGE_REPORT_MARGIN, 6.0,
             TISSAGE_REPORT_PAGE_HEIGHT - 2 * TISSAGE_REPORT_MARGIN, &tissage_report_accent);

  if (logo != NULL)
    {
      double w = cairo_image_surface_get_width (logo);
      double h = cairo_image_surface_get_height (logo);
      double scale = MIN (COVER_LOGO_WIDTH / w, COVER_LOGO_HEIGHT / h);

      cairo_save (cr);
      cairo_translate (cr, x, TISSAGE_REPORT_MARGIN + 10.0);
      cairo_scale (cr, scale, scale);
      cairo_set_source_surface (cr, logo, 0, 0);
      cairo_rectangle (cr, 0, 0, w, h);
      cairo_fill (cr);
      cairo_restore (cr);
      y = TISSAGE_REPORT_MARGIN + 10.0 + h * scale + 40.0;
    }

  y = MAX (y, TISSAGE_REPORT_PAGE_HEIGHT * 0.28);
  show_line (layout, cr, REPORT_STYLE_COVER_SUBTITLE, _("Social impact report"), x, &y, width, 1,
             &tissage_report_dim, 10.0);
  show_line (layout, cr, REPORT_STYLE_COVER_TITLE, title, x, &y, width, 4, &tissage_report_accent, 14.0);
  draw_rule (cr, x, y, 60.0, 2.0, &tissage_report_accent);
  y += 18.0;
  show_line (layout, cr, REPORT_STYLE_COVER_SUBTITLE, collective, x, &y, width, 3, &tissage_report_ink, 6.0);
  show_line (layout, cr, REPORT_STYLE_COVER_SUBTITLE, territory, x, &y, width, 2, &tissage_report_dim, 22.0);

  if (data->period_label != NULL && data->period_dates != NULL)
    /* TRANSLATORS: on the cover of the report: the period and its dates */
    period = g_strdup_printf (_("Period: %s (%s)"), data->period_label, data->period_dates);
  else if (data->period_label != NULL)
    /* TRANSLATORS: on the cover of the report */
    period = g_strdup_printf (_("Period: %s"), data->period_label);
  else
    period = g_strdup (_("Every period, each indicator by its latest value"));
  {
    g_autofree char *shown = tissage_report_typeset (period, 200);

    show_line (layout, cr, REPORT_STYLE_BODY, shown, x, &y, width, 2, &tissage_report_ink, 4.0);
  }
  if (data->structure_name != NULL)
    {
      g_autofree char *shown = NULL;

      /* TRANSLATORS: on the cover of the report: the member structure whose figures stand beside the collective's */
      structure = g_strdup_printf (_("Member structure: %s, beside the whole collective"), data->structure_name);
      shown = tissage_report_typeset (structure, 200);
      show_line (layout, cr, REPORT_STYLE_BODY, shown, x, &y, width, 2, &tissage_report_ink, 4.0);
    }
  {
    g_autofree char *shown = NULL;

    /* TRANSLATORS: on the cover of the report, with a date */
    date = g_strdup_printf (_("Published on %s"), data->date);
    shown = tissage_report_typeset (date, 0);
    show_line (layout, cr, REPORT_STYLE_BODY, shown, x, &y, width, 1, &tissage_report_dim, 4.0);
  }

  y = TISSAGE_REPORT_PAGE_HEIGHT - TISSAGE_REPORT_MARGIN - 12.0;
  made = tissage_report_typeset (data->pseudonymise ? _("Made with Tissage. The people interviewed are not named.")
                                                    : _("Made with Tissage. This report names the people interviewed: do not pass it on."),
                                 0);
  show_line (layout, cr, REPORT_STYLE_CAPTION, made, x, &y, width, 2, &tissage_report_dim, 0);
}

static void
draw_toc (TissageReportLayout *layout,
          cairo_t             *cr,
          guint                toc_page)
{
  if (toc_page == 0)
    {
      g_autoptr(PangoLayout) title = tissage_report_layout (layout->context, REPORT_STYLE_TITLE, _("Contents"),
                                                            REPORT_BODY_WIDTH, 1);

      tissage_report_show_layout (cr, title, REPORT_BODY_LEFT, REPORT_BODY_TOP, &tissage_report_accent);
      draw_rule (cr, REPORT_BODY_LEFT, REPORT_BODY_TOP + tissage_report_layout_height (title) + 4.0, REPORT_BODY_WIDTH,
                 1.0, &tissage_report_accent);
    }

  for (guint i = 0; i < layout->entries->len; i++)
    {
      ReportEntry *entry = g_ptr_array_index (layout->entries, i);
      TocLine *line = &g_array_index (layout->toc, TocLine, i);
      ReportStyle style = entry->level == 1 ? REPORT_STYLE_SUBHEADING : REPORT_STYLE_BODY;
      double indent = entry->level == 1 ? 0 : 16.0;
      double number_width = 40.0;
      g_autoptr(PangoLayout) text = NULL;
      g_autoptr(PangoLayout) number = NULL;
      g_autofree char *page = NULL;
      g_autofree char *link = NULL;
      double text_width, page_width, dots_from, dots_to;

      if (line->page != toc_page)
        continue;

      page = g_strdup_printf ("%u", entry->page + 1);
      text = tissage_report_layout (layout->context, style, entry->title,
                                    REPORT_BODY_WIDTH - indent - number_width - 12.0, 1);
      /* The page number against the right margin, the leaders up to it. */
      number = tissage_report_layout (layout->context, style, page, 0, 0);
      text_width = tissage_report_layout_width (text);
      page_width = tissage_report_layout_width (number);

      link = g_strdup_printf ("dest='%s' rect=[%.2f %.2f %.2f %.2f]", entry->dest, REPORT_BODY_LEFT + indent, line->y,
                              REPORT_BODY_WIDTH - indent, tissage_report_layout_height (text));
      cairo_tag_begin (cr, CAIRO_TAG_LINK, link);
      tissage_report_show_layout (cr, text, REPORT_BODY_LEFT + indent, line->y,
                                  entry->level == 1 ? &tissage_report_accent : &tissage_report_ink);
      tissage_report_show_layout (cr, number, REPORT_BODY_LEFT + REPORT_BODY_WIDTH - page_width, line->y,
                                  &tissage_report_ink);
      cairo_tag_end (cr, CAIRO_TAG_LINK);

      dots_from = REPORT_BODY_LEFT + indent + text_width + 6.0;
      dots_to = REPORT_BODY_LEFT + REPORT_BODY_WIDTH - page_width - 6.0;
      tissage_report_set_color (cr, &tissage_report_rule);
      for (double x = ceil (dots_from / 4.0) * 4.0; x + 1.0 <= dots_to; x += 4.0)
        cairo_rectangle (cr, x, line->y + tissage_report_layout_height (text) - 4.0, 1.0, 1.0);
      cairo_fill (cr);
    }
}

void
tissage_report_layout_draw_page (TissageReportLayout *layout,
                                 TissageReportData   *data,
                                 cairo_surface_t     *logo,
                                 cairo_t             *cr,
                                 guint                page)
{
  g_return_if_fail (page < tissage_report_layout_get_n_pages (layout));

  cairo_save (cr);
  /* Nothing outside the margins, whatever a block does. */
  cairo_rectangle (cr, TISSAGE_REPORT_MARGIN, TISSAGE_REPORT_MARGIN,
                   TISSAGE_REPORT_PAGE_WIDTH - 2 * TISSAGE_REPORT_MARGIN,
                   TISSAGE_REPORT_PAGE_HEIGHT - 2 * TISSAGE_REPORT_MARGIN);
  cairo_clip (cr);

  if (page == 0)
    draw_cover (layout, data, logo, cr);
  else if (page <= layout->toc_pages)
    {
      draw_running (layout, data, cr, page, _("Contents"));
      draw_toc (layout, cr, page - 1);
    }
  else
    {
      ReportPage *body = g_ptr_array_index (layout->pages, page - 1 - layout->toc_pages);
      ReportEntry *section = body->section >= 0 ? g_ptr_array_index (layout->entries, body->section) : NULL;

      draw_running (layout, data, cr, page, section != NULL ? section->title : NULL);
      for (guint i = 0; i < body->placed->len; i++)
        {
          Placement *placed = &g_array_index (body->placed, Placement, i);
          ReportBlock *block = placed->block;
          g_autofree char *dest = NULL;

          if (block->entry >= 0)
            {
              ReportEntry *entry = g_ptr_array_index (layout->entries, block->entry);

              dest = g_strdup_printf ("name='%s' x=%.2f y=%.2f", entry->dest, REPORT_BODY_LEFT, placed->y);
              cairo_tag_begin (cr, CAIRO_TAG_DEST, dest);
            }
          cairo_save (cr);
          block->klass->draw (block, cr, REPORT_BODY_LEFT, placed->y, REPORT_BODY_WIDTH);
          cairo_restore (cr);
          if (dest != NULL)
            cairo_tag_end (cr, CAIRO_TAG_DEST);
        }
    }

  cairo_restore (cr);
}
