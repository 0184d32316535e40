/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-cooperation"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "tissage-cooperation-view.h"
#include "tissage-document-private.h"
#include "tissage-widget-utils.h"

struct _TissageCooperationView
{
  GtkWidget           parent_instance;

  TissageDocument    *document;
  TissageCooperation *cooperation;
  guint               refresh_id;
  int                 ranked_period;   /* -1: the latest */
  gboolean            dirty;           /* changed while not shown */

  GtkWidget          *stack;
  GtkGrid            *measures;
  GtkWidget          *charts[3];
  AdwComboRow        *period_choice;
  GtkStringList      *period_labels;
  GtkGrid            *ranking;
  GPtrArray          *ranked_names;
};

G_DEFINE_FINAL_TYPE (TissageCooperationView, tissage_cooperation_view, GTK_TYPE_WIDGET)

typedef enum {
  CHART_MEMBER_LINKS,
  CHART_DENSITY,
  CHART_ACTIONS,
} Chart;

static char *
format_share (double value)
{
  return isnan (value) ? g_strdup ("—") : g_strdup_printf ("%.0f\u202f%%", value * 100);
}

static char *
format_decimal (double value)
{
  return isnan (value) ? g_strdup ("—") : g_strdup_printf ("%.2f", value);
}

static void
clear_grid (GtkGrid *grid)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))) != NULL)
    gtk_grid_remove (grid, child);
}

static GtkWidget *
cell (const char *text,
      gboolean    heading,
      gboolean    number)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), number ? 1.0 : 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), heading);
  gtk_label_set_max_width_chars (GTK_LABEL (label), heading ? 9 : 40);
  gtk_label_set_width_chars (GTK_LABEL (label), heading ? 6 : -1);
  gtk_label_set_ellipsize (GTK_LABEL (label), heading || number ? PANGO_ELLIPSIZE_NONE : PANGO_ELLIPSIZE_END);
  if (heading)
    gtk_widget_add_css_class (label, "heading");
  if (number)
    gtk_widget_add_css_class (label, "numeric");
  return label;
}

static void
fill_measures (TissageCooperationView *self)
{
  const char *headings[] = {
    N_("Period"), N_("Links"), N_("Links between members"), N_("Links with partners"), N_("New links"),
    N_("Links ended"), N_("Density of the members’ network"), N_("Mean degree of the members"),
    N_("Members linked to 3 or more"), N_("Joint actions"), N_("Actions with 3 partners or more"),
  };

  clear_grid (self->measures);
  for (guint c = 0; c < G_N_ELEMENTS (headings); c++)
    gtk_grid_attach (self->measures, cell (_(headings[c]), TRUE, c > 0), c, 0, 1, 1);

  for (guint p = 0; p < self->cooperation->n_periods; p++)
    {
      const TissageCooperationPeriod *period = &self->cooperation->periods[p];
      g_autofree char *values[11] = {
        g_strdup (period->label),  /* wrapped below: a period's name is long */
        g_strdup_printf ("%u", period->links),
        g_strdup_printf ("%u", period->member_links),
        g_strdup_printf ("%u", period->partner_links),
        g_strdup_printf ("%u", period->new_links),
        g_strdup_printf ("%u", period->ended_links),
        format_share (period->density),
        format_decimal (period->mean_degree),
        format_share (period->share_three),
        g_strdup_printf ("%u", period->actions),
        format_share (period->share_actions_three),
      };

      for (guint c = 0; c < G_N_ELEMENTS (values); c++)
        {
          GtkWidget *label = cell (values[c], FALSE, c > 0);

          if (c == 0)
            {
              gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_NONE);
              gtk_label_set_wrap (GTK_LABEL (label), TRUE);
              gtk_label_set_max_width_chars (GTK_LABEL (label), 12);
            }
          gtk_grid_attach (self->measures, label, c, p + 1, 1, 1);
          g_free (values[c]);
          values[c] = NULL;
        }
    }
}

/* A small bar chart of one measure per period, drawn with Cairo. */
static void
draw_chart (GtkDrawingArea *area,
            cairo_t        *cr,
            int             width,
            int             height,
            gpointer        data)
{
  TissageCooperationView *self = g_object_get_data (G_OBJECT (area), "view");
  Chart chart = GPOINTER_TO_INT (data);
  static const char *titles[] = { N_("Links between members"), N_("Density of the members’ network"), N_("Joint actions") };
  g_autoptr(PangoLayout) layout = NULL;
  GdkRGBA color;
  double max = 0, bar, top = 24, bottom = 20;
  guint n;

  if (self == NULL || self->cooperation == NULL || self->cooperation->n_periods == 0)
    return;
  n = self->cooperation->n_periods;

#if GTK_CHECK_VERSION (4, 10, 0)
  gtk_widget_get_color (GTK_WIDGET (area), &color);
#else
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (area)), &color);
  G_GNUC_END_IGNORE_DEPRECATIONS
#endif

  layout = gtk_widget_create_pango_layout (GTK_WIDGET (area), _(titles[chart]));
  pango_layout_set_width (layout, width * PANGO_SCALE);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  gdk_cairo_set_source_rgba (cr, &color);
  cairo_move_to (cr, 0, 0);
  pango_cairo_show_layout (cr, layout);

  for (guint p = 0; p < n; p++)
    {
      const TissageCooperationPeriod *period = &self->cooperation->periods[p];
      double value = chart == CHART_MEMBER_LINKS ? period->member_links
                   : chart == CHART_DENSITY ? (isnan (period->density) ? 0 : period->density)
                   : period->actions;

      max = MAX (max, value);
    }
  if (chart == CHART_DENSITY)
    max = MAX (max, 0.05);
  max = MAX (max, 1e-9);

  bar = (double) width / n;
  for (guint p = 0; p < n; p++)
    {
      const TissageCooperationPeriod *period = &self->cooperation->periods[p];
      double value = chart == CHART_MEMBER_LINKS ? period->member_links
                   : chart == CHART_DENSITY ? (isnan (period->density) ? 0 : period->density)
                   : period->actions;
      double h = (height - top - bottom) * value / max;
      g_autofree char *text = chart == CHART_DENSITY ? format_share (period->density) : g_strdup_printf ("%.0f", value);
      g_autoptr(PangoLayout) label = gtk_widget_create_pango_layout (GTK_WIDGET (area), text);
      g_autoptr(PangoLayout) name = gtk_widget_create_pango_layout (GTK_WIDGET (area), period->label);
      int lw, lh;

      cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 0.35 + 0.65 * (p + 1) / n);
      cairo_rectangle (cr, p * bar + bar * 0.15, height - bottom - h, bar * 0.7, h);
      cairo_fill (cr);

      gdk_cairo_set_source_rgba (cr, &color);
      pango_layout_get_pixel_size (label, &lw, &lh);
      cairo_move_to (cr, p * bar + (bar - lw) / 2, MAX (top - 2, height - bottom - h - lh));
      pango_cairo_show_layout (cr, label);
      pango_layout_set_width (name, bar * PANGO_SCALE);
      pango_layout_set_ellipsize (name, PANGO_ELLIPSIZE_END);
      pango_layout_set_alignment (name, PANGO_ALIGN_CENTER);
      cairo_move_to (cr, p * bar, height - bottom + 2);
      pango_cairo_show_layout (cr, name);
    }
}

static int ranking_period_for_sort;
static TissageCooperation *ranking_for_sort;

static int
compare_ranked (gconstpointer a,
                gconstpointer b)
{
  const TissageCooperationPeriod *p = &ranking_for_sort->periods[ranking_period_for_sort];
  guint x = *(const guint *) a, y = *(const guint *) b;

  if (p->degree[x] != p->degree[y])
    return p->degree[x] > p->degree[y] ? -1 : 1;
  if (p->betweenness[x] != p->betweenness[y])
    return p->betweenness[x] > p->betweenness[y] ? -1 : 1;
  return g_utf8_collate (ranking_for_sort->nodes[x].name, ranking_for_sort->nodes[y].name);
}

static void
fill_ranking (TissageCooperationView *self)
{
  g_autoptr(GArray) members = g_array_new (FALSE, FALSE, sizeof (guint));
  const TissageCooperationPeriod *period;
  int p = self->ranked_period;
  double max_between = 0;

  clear_grid (self->ranking);
  g_ptr_array_set_size (self->ranked_names, 0);
  if (self->cooperation->n_periods == 0)
    return;
  if (p < 0 || (guint) p >= self->cooperation->n_periods)
    p = self->cooperation->n_periods - 1;
  period = &self->cooperation->periods[p];

  for (guint n = 0; n < self->cooperation->n_nodes; n++)
    if (self->cooperation->nodes[n].member)
      g_array_append_val (members, n);
  ranking_for_sort = self->cooperation;
  ranking_period_for_sort = p;
  g_array_sort (members, compare_ranked);
  for (guint i = 0; i < members->len; i++)
    max_between = MAX (max_between, period->betweenness[g_array_index (members, guint, i)]);

  gtk_grid_attach (self->ranking, cell (_("Member structure"), TRUE, FALSE), 0, 0, 2, 1);
  gtk_grid_attach (self->ranking, cell (_("Links (degree)"), TRUE, TRUE), 2, 0, 1, 1);
  gtk_grid_attach (self->ranking, cell (_("Role as a bridge (betweenness)"), TRUE, TRUE), 3, 0, 2, 1);
  for (guint i = 0; i < members->len; i++)
    {
      guint n = g_array_index (members, guint, i);
      g_autofree char *rank = g_strdup_printf ("%u", i + 1);
      g_autofree char *degree = g_strdup_printf ("%u", period->degree[n]);
      g_autofree char *between = format_decimal (period->betweenness[n]);
      GtkWidget *level = gtk_level_bar_new_for_interval (0, MAX (max_between, 1));

      gtk_level_bar_set_value (GTK_LEVEL_BAR (level), period->betweenness[n]);
      gtk_widget_set_size_request (level, 120, -1);
      gtk_widget_set_valign (level, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (level), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      self->cooperation->nodes[n].name, -1);
      gtk_grid_attach (self->ranking, cell (rank, FALSE, TRUE), 0, i + 1, 1, 1);
      gtk_grid_attach (self->ranking, cell (self->cooperation->nodes[n].name, FALSE, FALSE), 1, i + 1, 1, 1);
      gtk_grid_attach (self->ranking, cell (degree, FALSE, TRUE), 2, i + 1, 1, 1);
      gtk_grid_attach (self->ranking, cell (between, FALSE, TRUE), 3, i + 1, 1, 1);
      gtk_grid_attach (self->ranking, level, 4, i + 1, 1, 1);
      g_ptr_array_add (self->ranked_names, g_strdup (self->cooperation->nodes[n].name));
    }
}

static void
on_period_chosen (TissageCooperationView *self)
{
  guint selected = adw_combo_row_get_selected (self->period_choice);

  if (self->cooperation == NULL || selected == GTK_INVALID_LIST_POSITION)
    return;
  self->ranked_period = selected;
  fill_ranking (self);
}

static void
recompute (TissageCooperationView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  TissageCooperation *cooperation;

  cooperation = tissage_cooperation_compute (tissage_document_get_db (self->document), &error);
  if (cooperation == NULL)
    {
      tissage_widget_try_report_error (GTK_WIDGET (self), error);
      return;
    }
  g_clear_pointer (&self->cooperation, tissage_cooperation_free);
  self->cooperation = cooperation;

  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), cooperation->n_periods > 0 ? "measures" : "empty");
  fill_measures (self);
  for (guint c = 0; c < G_N_ELEMENTS (self->charts); c++)
    gtk_widget_queue_draw (self->charts[c]);

  for (guint p = 0; p < cooperation->n_periods; p++)
    g_ptr_array_add (labels, cooperation->periods[p].label);
  g_ptr_array_add (labels, NULL);
  g_signal_handlers_block_by_func (self->period_choice, on_period_chosen, self);
  gtk_string_list_splice (self->period_labels, 0, g_list_model_get_n_items (G_LIST_MODEL (self->period_labels)),
                          (const char * const *) labels->pdata);
  if (self->ranked_period < 0 || (guint) self->ranked_period >= cooperation->n_periods)
    self->ranked_period = (int) cooperation->n_periods - 1;
  if (cooperation->n_periods > 0)
    adw_combo_row_set_selected (self->period_choice, self->ranked_period);
  g_signal_handlers_unblock_by_func (self->period_choice, on_period_chosen, self);
  fill_ranking (self);
}

static gboolean
refresh_idle (gpointer data)
{
  TissageCooperationView *self = data;

  self->refresh_id = 0;
  if (self->document != NULL)
    recompute (self);
  return G_SOURCE_REMOVE;
}

static void
on_row_changed (TissageCooperationView *self,
                const char             *table)
{
  static const char * const watched[] = {
    "links", "link_strengths", "actions", "action_partners", "stakeholders", "periods", NULL
  };

  if (!g_strv_contains (watched, table))
    return;
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    self->dirty = TRUE;
  else if (self->refresh_id == 0)
    self->refresh_id = g_timeout_add (100, refresh_idle, self);
}

static void
on_map (TissageCooperationView *self)
{
  if (self->dirty && self->document != NULL)
    {
      self->dirty = FALSE;
      recompute (self);
    }
}

static GtkWidget *
section_title (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "title-4");
  gtk_widget_set_margin_top (label, 18);
  return label;
}

static void
tissage_cooperation_view_dispose (GObject *object)
{
  TissageCooperationView *self = TISSAGE_COOPERATION_VIEW (object);
  GtkWidget *child;

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->document);
  g_clear_object (&self->period_labels);
  g_clear_pointer (&self->cooperation, tissage_cooperation_free);
  g_clear_pointer (&self->ranked_names, g_ptr_array_unref);

  G_OBJECT_CLASS (tissage_cooperation_view_parent_class)->dispose (object);
}

static void
tissage_cooperation_view_class_init (TissageCooperationViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tissage_cooperation_view_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
tissage_cooperation_view_init (TissageCooperationView *self)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *charts = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  GtkWidget *rank_header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *intro = gtk_label_new (_("How the structures of the collective work together, period by period: "
                                      "links are counted when they began before the end of the period and had not ended before it."));
  GtkWidget *empty = adw_status_page_new ();

  self->ranked_period = -1;
  self->ranked_names = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (self, "map", G_CALLBACK (on_map), NULL);
  self->period_labels = gtk_string_list_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (intro), TRUE);
  gtk_label_set_xalign (GTK_LABEL (intro), 0);
  gtk_widget_add_css_class (intro, "dim-label");
  gtk_box_append (GTK_BOX (box), section_title (_("Measures by Period")));
  gtk_box_append (GTK_BOX (box), intro);

  self->measures = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_column_spacing (self->measures, 10);
  gtk_grid_set_row_spacing (self->measures, 6);
  {
    /* Eleven columns may not fit beside the list: they scroll sideways,
     * the page up and down. */
    GtkWidget *sideways = gtk_scrolled_window_new ();

    gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (sideways), GTK_POLICY_AUTOMATIC, GTK_POLICY_NEVER);
    gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (sideways), TRUE);
    gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (sideways), GTK_WIDGET (self->measures));
    tissage_scroller_pass_vertical (GTK_SCROLLED_WINDOW (sideways));
    gtk_box_append (GTK_BOX (box), sideways);
  }

  for (guint c = 0; c < G_N_ELEMENTS (self->charts); c++)
    {
      self->charts[c] = gtk_drawing_area_new ();
      g_object_set_data (G_OBJECT (self->charts[c]), "view", self);
      gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (self->charts[c]), 150);
      gtk_widget_set_hexpand (self->charts[c], TRUE);
      gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->charts[c]), draw_chart, GINT_TO_POINTER (c), NULL);
      gtk_box_append (GTK_BOX (charts), self->charts[c]);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (charts), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Charts of the links between members, the density and the joint actions by period"), -1);
  gtk_widget_set_margin_top (charts, 12);
  gtk_box_append (GTK_BOX (box), charts);

  /* A combo row in a boxed list: a drop-down would hold a search entry
   * that the stakeholders' search is taken for. */
  self->period_choice = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->period_choice), _("Period of the ranking"));
  adw_combo_row_set_model (self->period_choice, G_LIST_MODEL (self->period_labels));
  g_signal_connect_swapped (self->period_choice, "notify::selected", G_CALLBACK (on_period_chosen), self);
  {
    GtkWidget *title = section_title (_("Member Structures by Links and Role as a Bridge"));
    GtkWidget *rows = gtk_list_box_new ();

    gtk_widget_set_hexpand (title, TRUE);
    gtk_box_append (GTK_BOX (rank_header), title);
    gtk_list_box_set_selection_mode (GTK_LIST_BOX (rows), GTK_SELECTION_NONE);
    gtk_widget_add_css_class (rows, "boxed-list");
    gtk_widget_set_size_request (rows, 360, -1);
    gtk_widget_set_valign (rows, GTK_ALIGN_END);
    gtk_list_box_append (GTK_LIST_BOX (rows), GTK_WIDGET (self->period_choice));
    gtk_box_append (GTK_BOX (rank_header), rows);
  }
  gtk_box_append (GTK_BOX (box), rank_header);
  {
    GtkWidget *explain = gtk_label_new (_("The role as a bridge counts the shortest ways from one member structure to another that go through it."));

    gtk_label_set_wrap (GTK_LABEL (explain), TRUE);
    gtk_label_set_xalign (GTK_LABEL (explain), 0);
    gtk_widget_add_css_class (explain, "dim-label");
    gtk_box_append (GTK_BOX (box), explain);
  }
  self->ranking = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_column_spacing (self->ranking, 12);
  gtk_grid_set_row_spacing (self->ranking, 4);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->ranking), 24);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->ranking));

  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 1100);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "x-office-calendar-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("No Period"));
  adw_status_page_set_description (ADW_STATUS_PAGE (empty),
                                   _("Add the periods of the evaluation in the Référentiel section, then date the links: the cooperation is measured period by period."));

  self->stack = gtk_stack_new ();
  gtk_stack_add_named (GTK_STACK (self->stack), scroller, "measures");
  gtk_stack_add_named (GTK_STACK (self->stack), empty, "empty");
  gtk_widget_set_parent (self->stack, GTK_WIDGET (self));
}

void
tissage_cooperation_view_set_document (TissageCooperationView *self,
                                       TissageDocument        *document)
{
  g_return_if_fail (TISSAGE_IS_COOPERATION_VIEW (self));

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_set_object (&self->document, document);
  self->ranked_period = -1;
  if (document == NULL)
    return;
  g_signal_connect_object (document, "row-changed", G_CALLBACK (on_row_changed), self, G_CONNECT_SWAPPED);
  /* The network's measures when the view is first shown, not as the
   * window opens on the map. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    recompute (self);
  else
    self->dirty = TRUE;
}

TissageCooperation *
tissage_cooperation_view_get_cooperation (TissageCooperationView *self)
{
  g_return_val_if_fail (TISSAGE_IS_COOPERATION_VIEW (self), NULL);

  if (self->refresh_id != 0 || self->dirty)
    {
      g_clear_handle_id (&self->refresh_id, g_source_remove);
      self->dirty = FALSE;
      recompute (self);
    }
  return self->cooperation;
}

char *
tissage_cooperation_view_dup_ranking (TissageCooperationView *self)
{
  g_autoptr(GString) out = g_string_new (NULL);

  g_return_val_if_fail (TISSAGE_IS_COOPERATION_VIEW (self), NULL);

  tissage_cooperation_view_get_cooperation (self);
  for (guint i = 0; i < self->ranked_names->len; i++)
    g_string_append_printf (out, "%s\n", (const char *) g_ptr_array_index (self->ranked_names, i));
  return g_string_free (g_steal_pointer (&out), FALSE);
}
