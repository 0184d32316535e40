/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#include "config.h"

#include "tissage-list-row.h"

/*
 * One row of a long list (stakeholders, interviews): a title over a dim
 * subtitle, a coloured dot before them, and at the end an optional child
 * (a badge, an icon) over a small caption. The texts are drawn with Pango
 * rather than held by labels: a list binds a couple of hundred rows, and
 * each label is a widget to style, measure and lay out. The row reads its
 * texts to assistive technologies as its label.
 */

#define DOT_SIZE   12
#define SPACING    10
#define LINE_GAP   2
/* The dim-label class of libadwaita. */
#define DIM_ALPHA  0.55

struct _TissageListRow
{
  GtkWidget    parent_instance;

  char        *title;
  char        *subtitle;
  char        *caption;
  PangoLayout *title_layout;
  PangoLayout *subtitle_layout;
  PangoLayout *caption_layout;
  /* Their sizes on one line, measured once for each text. */
  int          title_size[2];
  int          subtitle_size[2];
  int          caption_size[2];
  GtkWidget   *end;
  GdkRGBA      dot;
  gboolean     has_dot;
  int          max_width_chars;
};

G_DEFINE_FINAL_TYPE (TissageListRow, tissage_list_row, GTK_TYPE_WIDGET)

static PangoLayout *
make_layout (TissageListRow *self,
             const char     *text,
             gboolean        small,
             gboolean        numeric)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);

  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  /* One line, whatever the text holds. */
  pango_layout_set_height (layout, -1);
  pango_layout_set_single_paragraph_mode (layout, TRUE);
  if (small || numeric)
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      if (small)
        pango_attr_list_insert (attrs, pango_attr_scale_new (PANGO_SCALE_SMALL));
      if (numeric)
        pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
    }

  return layout;
}

static void
ensure_layouts (TissageListRow *self)
{
  if (self->title_layout == NULL)
    {
      self->title_layout = make_layout (self, self->title, FALSE, FALSE);
      pango_layout_get_pixel_size (self->title_layout, &self->title_size[0], &self->title_size[1]);
    }
  if (self->subtitle_layout == NULL)
    {
      self->subtitle_layout = make_layout (self, self->subtitle, TRUE, FALSE);
      pango_layout_get_pixel_size (self->subtitle_layout, &self->subtitle_size[0], &self->subtitle_size[1]);
      /* An empty subtitle takes no line. */
      if (*self->subtitle == '\0')
        self->subtitle_size[0] = self->subtitle_size[1] = 0;
    }
  if (self->caption_layout == NULL && self->caption != NULL && *self->caption != '\0')
    {
      self->caption_layout = make_layout (self, self->caption, TRUE, TRUE);
      pango_layout_get_pixel_size (self->caption_layout, &self->caption_size[0], &self->caption_size[1]);
    }
  if (self->caption_layout == NULL)
    self->caption_size[0] = self->caption_size[1] = 0;
}

static void
forget_layouts (TissageListRow *self)
{
  g_clear_object (&self->title_layout);
  g_clear_object (&self->subtitle_layout);
  g_clear_object (&self->caption_layout);
}


static gboolean
has_end (TissageListRow *self)
{
  return self->end != NULL && gtk_widget_should_layout (self->end);
}

/* The end column: the child over the caption. */
static void
end_size (TissageListRow *self,
          int            *width,
          int            *height,
          int            *child_width,
          int            *child_height)
{
  int cw = 0, ch = 0;

  *child_width = *child_height = 0;
  if (has_end (self))
    {
      gtk_widget_measure (self->end, GTK_ORIENTATION_HORIZONTAL, -1, NULL, child_width, NULL, NULL);
      gtk_widget_measure (self->end, GTK_ORIENTATION_VERTICAL, *child_width, NULL, child_height, NULL, NULL);
    }
  cw = self->caption_size[0];
  ch = self->caption_size[1];
  *width = MAX (*child_width, cw);
  *height = *child_height + (ch > 0 && *child_height > 0 ? LINE_GAP : 0) + ch;
}

static int
leading_width (TissageListRow *self)
{
  return self->has_dot ? DOT_SIZE + SPACING : 0;
}

static void
tissage_list_row_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  TissageListRow *self = TISSAGE_LIST_ROW (widget);
  int tw, th, sw, sh, ew, eh, cw, ch;

  ensure_layouts (self);
  tw = self->title_size[0];
  th = self->title_size[1];
  sw = self->subtitle_size[0];
  sh = self->subtitle_size[1];
  end_size (self, &ew, &eh, &cw, &ch);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      int text = MAX (tw, sw);
      int end = ew > 0 ? SPACING + ew : 0;

      if (self->max_width_chars > 0)
        {
          PangoContext *context = gtk_widget_get_pango_context (widget);
          PangoFontMetrics *metrics = pango_context_get_metrics (context, NULL, NULL);
          int char_width = pango_font_metrics_get_approximate_char_width (metrics);

          pango_font_metrics_unref (metrics);
          text = MIN (text, PANGO_PIXELS_CEIL (char_width * self->max_width_chars));
        }
      *minimum = leading_width (self) + end;
      *natural = leading_width (self) + text + end;
    }
  else
    {
      int text = th + (sh > 0 ? LINE_GAP + sh : 0);

      *minimum = *natural = MAX (MAX (text, eh), self->has_dot ? DOT_SIZE : 0);
    }
}

static void
tissage_list_row_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  TissageListRow *self = TISSAGE_LIST_ROW (widget);
  int ew, eh, cw, ch;

  if (!has_end (self))
    return;

  ensure_layouts (self);
  end_size (self, &ew, &eh, &cw, &ch);
  gtk_widget_allocate (self->end, cw, ch, -1,
                       gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (width - cw, (height - eh) / 2)));
}

static void
append_layout (GtkSnapshot   *snapshot,
               PangoLayout   *layout,
               int            x,
               int            y,
               const GdkRGBA *color)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static void
tissage_list_row_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  TissageListRow *self = TISSAGE_LIST_ROW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int x = leading_width (self);
  int th, sh, ew, eh, cw, ch, text_width, text_height, y;
  GdkRGBA color, dim;

  ensure_layouts (self);
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  dim = color;
  dim.alpha *= DIM_ALPHA;

  th = self->title_size[1];
  sh = self->subtitle_size[1];
  end_size (self, &ew, &eh, &cw, &ch);
  text_width = MAX (0, width - x - (ew > 0 ? SPACING + ew : 0));
  text_height = th + (sh > 0 ? LINE_GAP + sh : 0);

  if (self->has_dot)
    {
      GskRoundedRect circle;

      gsk_rounded_rect_init_from_rect (&circle,
                                       &GRAPHENE_RECT_INIT (0, (height - DOT_SIZE) / 2.0, DOT_SIZE, DOT_SIZE),
                                       DOT_SIZE / 2.0);
      gtk_snapshot_push_rounded_clip (snapshot, &circle);
      gtk_snapshot_append_color (snapshot, &self->dot, &circle.bounds);
      gtk_snapshot_pop (snapshot);
    }

  y = (height - text_height) / 2;
  /* Shortened only when it does not fit: a layout keeps its lines until
   * its width changes. */
  pango_layout_set_width (self->title_layout, self->title_size[0] > text_width ? text_width * PANGO_SCALE : -1);
  append_layout (snapshot, self->title_layout, x, y, &color);
  if (sh > 0)
    {
      pango_layout_set_width (self->subtitle_layout,
                              self->subtitle_size[0] > text_width ? text_width * PANGO_SCALE : -1);
      append_layout (snapshot, self->subtitle_layout, x, y + th + LINE_GAP, &dim);
    }

  if (has_end (self))
    gtk_widget_snapshot_child (widget, self->end, snapshot);
  if (self->caption_layout != NULL)
    {
      append_layout (snapshot, self->caption_layout, width - self->caption_size[0],
                     (height - eh) / 2 + (ch > 0 ? ch + LINE_GAP : 0), &dim);
    }
}

/* What assistive technologies read: the texts shown, in order. */
static void
update_accessible_label (TissageListRow *self)
{
  g_autoptr(GString) label = g_string_new (self->title);

  if (self->subtitle != NULL && *self->subtitle != '\0')
    g_string_append_printf (label, ", %s", self->subtitle);
  if (self->caption != NULL && *self->caption != '\0')
    g_string_append_printf (label, ", %s", self->caption);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label->str, -1);
}

static void
set_text (TissageListRow  *self,
          char           **field,
          PangoLayout    **layout,
          const char      *text)
{
  if (g_strcmp0 (*field, text) == 0)
    return;

  g_free (*field);
  *field = g_strdup (text);
  g_clear_object (layout);
  update_accessible_label (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
tissage_list_row_direction_changed (GtkWidget        *widget,
                                    GtkTextDirection  previous)
{
  forget_layouts (TISSAGE_LIST_ROW (widget));
  gtk_widget_queue_resize (widget);
}

static void
tissage_list_row_root (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (tissage_list_row_parent_class)->root (widget);

  /* Another display may have other fonts. */
  forget_layouts (TISSAGE_LIST_ROW (widget));
}

static void
tissage_list_row_dispose (GObject *object)
{
  TissageListRow *self = TISSAGE_LIST_ROW (object);

  g_clear_pointer (&self->end, gtk_widget_unparent);
  forget_layouts (self);

  G_OBJECT_CLASS (tissage_list_row_parent_class)->dispose (object);
}

static void
tissage_list_row_finalize (GObject *object)
{
  TissageListRow *self = TISSAGE_LIST_ROW (object);

  g_free (self->title);
  g_free (self->subtitle);
  g_free (self->caption);

  G_OBJECT_CLASS (tissage_list_row_parent_class)->finalize (object);
}

static void
tissage_list_row_class_init (TissageListRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tissage_list_row_dispose;
  object_class->finalize = tissage_list_row_finalize;
  widget_class->measure = tissage_list_row_measure;
  widget_class->size_allocate = tissage_list_row_size_allocate;
  widget_class->snapshot = tissage_list_row_snapshot;
  widget_class->direction_changed = tissage_list_row_direction_changed;
  widget_class->root = tissage_list_row_root;

  gtk_widget_class_set_css_name (widget_class, "listrow");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
tissage_list_row_init (TissageListRow *self)
{
  self->title = g_strdup ("");
  self->subtitle = g_strdup ("");
}

GtkWidget *
tissage_list_row_new (void)
{
  return g_object_new (TISSAGE_TYPE_LIST_ROW, NULL);
}

void
tissage_list_row_set_title (TissageListRow *self,
                            const char     *title)
{
  g_return_if_fail (TISSAGE_IS_LIST_ROW (self));

  set_text (self, &self->title, &self->title_layout, title ? title : "");
}

const char *
tissage_list_row_get_title (TissageListRow *self)
{
  g_return_val_if_fail (TISSAGE_IS_LIST_ROW (self), NULL);

  return self->title;
}

void
tissage_list_row_set_subtitle (TissageListRow *self,
                               const char     *subtitle)
{
  g_return_if_fail (TISSAGE_IS_LIST_ROW (self));

  set_text (self, &self->subtitle, &self->subtitle_layout, subtitle ? subtitle : "");
}

const char *
tissage_list_row_get_subtitle (TissageListRow *self)
{
  g_return_val_if_fail (TISSAGE_IS_LIST_ROW (self), NULL);

  return self->subtitle;
}

void
tissage_list_row_set_caption (TissageListRow *self,
                              const char     *caption)
{
  g_return_if_fail (TISSAGE_IS_LIST_ROW (self));

  set_text (self, &self->caption, &self->caption_layout, caption);
}

const char *
tissage_list_row_get_caption (TissageListRow *self)
{
  g_return_val_if_fail (TISSAGE_IS_LIST_ROW (self), NULL);

  return self->caption;
}

/**
 * tissage_list_row_set_dot:
 * @color: (nullable): the dot's colour, %NULL for no dot
 */
void
tissage_list_row_set_dot (TissageListRow *self,
                          const GdkRGBA  *color)
{
  g_return_if_fail (TISSAGE_IS_LIST_ROW (self));

  if (color == NULL)
    {
      if (self->has_dot)
        gtk_widget_queue_resize (GTK_WIDGET (self));
      self->has_dot = FALSE;
      return;
    }
  if (!self->has_dot)
    gtk_widget_queue_resize (GTK_WIDGET (self));
  else if (!gdk_rgba_equal (&self->dot, color))
    gtk_widget_queue_draw (GTK_WIDGET (self));
  self->has_dot = TRUE;
  self->dot = *color;
}

/**
 * tissage_list_row_set_end:
 * @child: (nullable) (transfer floating): what ends the row, above the caption
 */
void
tissage_list_row_set_end (TissageListRow *self,
                          GtkWidget      *child)
{
  g_return_if_fail (TISSAGE_IS_LIST_ROW (self));

  g_clear_pointer (&self->end, gtk_widget_unparent);
  if (child != NULL)
    {
      self->end = child;
      gtk_widget_set_parent (child, GTK_WIDGET (self));
    }
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
tissage_list_row_set_max_width_chars (TissageListRow *self,
                                      int             n_chars)
{
  g_return_if_fail (TISSAGE_IS_LIST_ROW (self));

  self->max_width_chars = n_chars;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}
