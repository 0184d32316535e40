/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-grids"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tissage-grid-editor.h"
#include "tissage-grid-question-row.h"
#include "tissage-referentiel.h"
#include "tissage-widget-utils.h"

typedef struct {
  TissageGridEditor  *editor;
  gint64              id;
  TissageGridSection *section;   /* NULL: the questions outside any section */
  GtkWidget          *box;
  GtkWidget          *header;
  GtkWidget          *title;     /* a GtkEditableLabel, or a GtkLabel for no section */
  GtkWidget          *up;
  GtkWidget          *down;
  GtkWidget          *list;
  GtkWidget          *add_button;
  guint               n_questions;
} SectionView;

typedef enum {
  CHOICES_SAVED,
  CHOICES_REFUSED,     /* the core said no: the message shows, the text stays */
  CHOICES_TO_CONFIRM,  /* would drop choices that answers may hold */
} ChoicesState;

typedef struct {
  TissageGridEditor   *editor;
  gint64               id;
  TissageGridQuestion *question;
  GtkWidget           *expander;     /* the row shown */
  TissageGridQuestionRow *widget;    /* the same, for its parts */
  ChoicesState         choices_state;
  guint                choices_idle;
  guint                n_effects;
  guint                n_indicators;
  guint                n_answers;    /* counted when retired */
} QuestionRow;

struct _TissageGridEditor
{
  GtkWidget          parent_instance;

  GtkWidget         *scroller;
  AdwEntryRow       *title_row;
  GtkTextView       *purpose_view;
  GtkFlowBox        *categories_box;
  GtkWidget         *categories_empty;
  GtkLabel          *summary_label;
  GtkWidget         *empty_page;
  GtkBox            *sections_box;
  GtkWidget         *add_section_button;
  GtkWidget         *retired_box;
  GtkListBox        *retired_list;

  TissageDocument   *document;
  TissageGrid       *grid;
  GHashTable        *sections;     /* id → SectionView */
  GHashTable        *questions;    /* id → QuestionRow */
  GPtrArray         *section_order; /* SectionView, as shown */
  guint              links_idle;
  gboolean           updating;
};

G_DEFINE_FINAL_TYPE (TissageGridEditor, tissage_grid_editor, GTK_TYPE_WIDGET)

static void sync_layout      (TissageGridEditor *self);
static void refresh_links    (TissageGridEditor *self);
static void refresh_question (QuestionRow *row);

/* Helpers */

static gint64
grid_id (TissageGridEditor *self)
{
  return tissage_record_id (self->grid);
}

static char *
buffer_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
set_buffer_text (GtkTextView *view,
                 const char  *text)
{
  g_autofree char *current = buffer_text (view);

  if (g_strcmp0 (current, text) != 0)
    tissage_text_view_set_text (view, text);
}

static void
set_editable_text (GtkWidget  *editable,
                   const char *text)
{
  /* Only when it differs, so the caret of a field being typed in stays. */
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (editable)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (editable), text ? text : "");
}

/* In the main window, or in a window of its own over it. */
static void
undo_toast (TissageGridEditor *self,
            const char        *title)
{
  tissage_widget_add_undo_toast (GTK_WIDGET (self), title);
}

static void
report (TissageGridEditor *self,
        const GError      *error)
{
  if (!tissage_widget_try_report_error (GTK_WIDGET (self), error))
    g_message ("%s", error->message);
}

static int
compare_positions (gconstpointer a,
                   gconstpointer b)
{
  TissageRecord *ra = *(TissageRecord **) a;
  TissageRecord *rb = *(TissageRecord **) b;
  int pa = 0, pb = 0;
  gint64 ia = tissage_record_get_id (ra), ib = tissage_record_get_id (rb);

  g_object_get (ra, "position", &pa, NULL);
  g_object_get (rb, "position", &pb, NULL);
  if (pa != pb)
    return pa < pb ? -1 : 1;
  return ia < ib ? -1 : ia > ib;
}

/* The sections or questions of the guide, in their order. */
static GPtrArray *
dup_sorted (TissageGridEditor *self,
            GType              type)
{
  GListModel *model = tissage_document_get_records (self->document, type);
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(TissageRecord) item = g_list_model_get_item (model, i);
      gint64 owner = 0;

      g_object_get (item, "grid-id", &owner, NULL);
      if (owner == grid_id (self))
        g_ptr_array_add (items, g_steal_pointer (&item));
    }
  g_ptr_array_sort (items, compare_positions);

  return items;
}

/* The live questions of a section view, in order. */
static GPtrArray *
dup_section_questions (TissageGridEditor *self,
                       gint64             section_id)
{
  g_autoptr(GPtrArray) all = dup_sorted (self, TISSAGE_TYPE_GRID_QUESTION);
  GPtrArray *questions = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < all->len; i++)
    {
      TissageGridQuestion *q = g_ptr_array_index (all, i);
      gint64 section = tissage_grid_question_get_section_id (q);

      if (section != 0 && !g_hash_table_contains (self->sections, &section))
        section = 0;
      if (!tissage_grid_question_get_retired (q) && section == section_id)
        g_ptr_array_add (questions, g_object_ref (q));
    }

  return questions;
}

/* Writes the order of @questions, all in @section_id, as positions. */
static gboolean
write_order (TissageGridEditor *self,
             GPtrArray         *questions,
             gint64             section_id,
             GError           **error)
{
  for (guint i = 0; i < questions->len; i++)
    {
      TissageGridQuestion *q = g_ptr_array_index (questions, i);

      if ((guint) tissage_grid_question_get_position (q) == i &&
          tissage_grid_question_get_section_id (q) == section_id)
        continue;
      if (!tissage_document_set (self->document, q, error,
                                 "section-id", section_id, "position", (int) i, NULL))
        return FALSE;
    }

  return TRUE;
}

static QuestionRow *
lookup_question (TissageGridEditor *self,
                 gint64             id)
{
  return g_hash_table_lookup (self->questions, &id);
}

static SectionView *
lookup_section (TissageGridEditor *self,
                gint64             id)
{
  return g_hash_table_lookup (self->sections, &id);
}

/* The question whose row holds the keyboard focus. */
static QuestionRow *
focused_question (TissageGridEditor *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *widget = root != NULL ? gtk_root_get_focus (root) : NULL;

  for (; widget != NULL; widget = gtk_widget_get_parent (widget))
    {
      QuestionRow *row = g_object_get_data (G_OBJECT (widget), "question-row");

      if (row != NULL)
        return row;
    }

  return NULL;
}

/* Moves a row within or between lists, keeping the focus and caret of a
 * field inside it. */
static void
place_row (GtkListBox *list,
           GtkWidget  *row,
           int         index)
{
  GtkWidget *parent = gtk_widget_get_parent (row);
  GtkRoot *root;
  GtkWidget *focus = NULL;
  int caret = -1;

  if (parent == GTK_WIDGET (list) && gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)) == index)
    return;

  root = gtk_widget_get_root (row);
  if (root != NULL && (focus = gtk_root_get_focus (root)) != NULL &&
      (focus == row || gtk_widget_is_ancestor (focus, row)))
    {
      g_object_ref (focus);
      if (GTK_IS_EDITABLE (focus))
        caret = gtk_editable_get_position (GTK_EDITABLE (focus));
    }
  else
    focus = NULL;

  g_object_ref (row);
  if (parent != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (parent), row);
  gtk_list_box_insert (list, row, index);
  g_object_unref (row);

  if (focus != NULL)
    {
      gtk_widget_grab_focus (focus);
      if (caret >= 0)
        gtk_editable_set_position (GTK_EDITABLE (focus), caret);
      g_object_unref (focus);
    }
}

/* The guide's own fields */

static void
refresh_grid (TissageGridEditor *self)
{
  g_autofree char *purpose = NULL;

  if (self->grid == NULL)
    return;

  self->updating = TRUE;
  set_editable_text (GTK_WIDGET (self->title_row), tissage_grid_get_title (self->grid));
  g_object_get (self->grid, "purpose", &purpose, NULL);
  set_buffer_text (self->purpose_view, purpose);
  self->updating = FALSE;
}

static void
on_title_changed (TissageGridEditor *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->title_row));
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  g_autoptr(GError) error = NULL;

  if (self->updating || self->grid == NULL)
    return;

  /* A title being retyped is empty for a moment: say so, keep the old one. */
  if (*stripped == '\0')
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->title_row), "error");
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->title_row), "error");
  if (!tissage_document_set (self->document, self->grid, &error, "title", text, NULL))
    report (self, error);
}

static void
on_purpose_changed (TissageGridEditor *self)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  if (self->updating || self->grid == NULL)
    return;

  text = buffer_text (self->purpose_view);
  if (!tissage_document_set (self->document, self->grid, &error, "purpose", text, NULL))
    report (self, error);
}

/* Categories the guide is meant for */

static TissageGridCategory *
find_grid_category (TissageGridEditor *self,
                    gint64             category_id)
{
  GListModel *model = tissage_document_get_records (self->document, TISSAGE_TYPE_GRID_CATEGORY);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(TissageGridCategory) gc = g_list_model_get_item (model, i);

      if (tissage_grid_category_get_grid_id (gc) == grid_id (self) &&
          tissage_grid_category_get_category_id (gc) == category_id)
        return gc;
    }

  return NULL;
}

static void
on_category_toggled (GtkCheckButton    *check,
                     TissageGridEditor *self)
{
  gint64 category_id = *(gint64 *) g_object_get_data (G_OBJECT (check), "category-id");
  TissageGridCategory *existing;
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;

  if (self->updating || self->grid == NULL)
    return;

  existing = find_grid_category (self, category_id);
  if (gtk_check_button_get_active (check) && existing == NULL)
    {
      g_autoptr(TissageGridCategory) added =
        tissage_document_insert (self->document, TISSAGE_TYPE_GRID_CATEGORY, &error,
                                 "grid-id", grid_id (self), "category-id", category_id, NULL);
      ok = added != NULL;
    }
  else if (!gtk_check_button_get_active (check) && existing != NULL)
    ok = tissage_document_delete (self->document, existing, &error);

  if (!ok)
    report (self, error);
}

static void
draw_dot (GtkDrawingArea *area,
          cairo_t        *cr,
          int             width,
          int             height,
          gpointer        user_data)
{
  const char *color = g_object_get_data (G_OBJECT (area), "color");
  GdkRGBA rgba;

  if (color == NULL || !gdk_rgba_parse (&rgba, color))
    gdk_rgba_parse (&rgba, "#9a9996");
  gdk_cairo_set_source_rgba (cr, &rgba);
  cairo_arc (cr, width / 2.0, height / 2.0, MIN (width, height) / 2.0, 0, 2 * G_PI);
  cairo_fill (cr);
}

static void
rebuild_categories (TissageGridEditor *self)
{
  GListModel *categories = tissage_document_get_categories (self->document);
  GtkWidget *child;
  guint n = g_list_model_get_n_items (categories);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->categories_box))) != NULL)
    gtk_flow_box_remove (self->categories_box, child);

  self->updating = TRUE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TissageCategory) category = g_list_model_get_item (categories, i);
      GtkWidget *check = gtk_check_button_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *dot = gtk_drawing_area_new ();
      GtkWidget *label = gtk_label_new (NULL);
      gint64 *id = g_new (gint64, 1);

      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);

      *id = tissage_record_id (category);
      gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (dot), 12);
      gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (dot), 12);
      gtk_widget_set_valign (dot, GTK_ALIGN_CENTER);
      g_object_set_data_full (G_OBJECT (dot), "color",
                              g_strdup (tissage_category_get_color (category)), g_free);
      gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (dot), draw_dot, NULL, NULL);
      tissage_label_set_name (GTK_LABEL (label), tissage_category_get_name (category));
      gtk_box_append (GTK_BOX (box), dot);
      gtk_box_append (GTK_BOX (box), label);
      gtk_check_button_set_child (GTK_CHECK_BUTTON (check), box);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      tissage_category_get_name (category), -1);
      g_object_set_data_full (G_OBJECT (check), "category-id", id, g_free);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   self->grid != NULL && find_grid_category (self, *id) != NULL);
      g_signal_connect (check, "toggled", G_CALLBACK (on_category_toggled), self);
      gtk_flow_box_append (self->categories_box, check);
    }
  self->updating = FALSE;

  gtk_widget_set_visible (GTK_WIDGET (self->categories_box), n > 0);
  gtk_widget_set_visible (self->categories_empty, n == 0);
}

static void
refresh_category_checks (TissageGridEditor *self)
{
  self->updating = TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->categories_box));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *check = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));
      gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (check), "category-id");

      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   self->grid != NULL && find_grid_category (self, id) != NULL);
    }
  self->updating = FALSE;
}

/* Summary and empty state */

static void
refresh_summary (TissageGridEditor *self)
{
  GListModel *interviews = tissage_document_get_records (self->document, TISSAGE_TYPE_INTERVIEW);
  g_autofree char *questions = NULL;
  g_autofree char *sections = NULL;
  g_autofree char *held = NULL;
  g_autofree char *summary = NULL;
  guint n_questions = 0, n_sections = 0, n_interviews = 0;
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->questions);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (!tissage_grid_question_get_retired (((QuestionRow *) value)->question))
      n_questions++;
  n_sections = g_hash_table_size (self->sections);
  if (lookup_section (self, 0) != NULL)
    n_sections--;
  for (guint i = 0; i < g_list_model_get_n_items (interviews); i++)
    {
      g_autoptr(TissageInterview) interview = g_list_model_get_item (interviews, i);

      if (tissage_interview_get_grid_id (interview) == grid_id (self))
        n_interviews++;
    }

  questions = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u question", "%u questions", n_questions),
                               n_questions);
  sections = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u section", "%u sections", n_sections),
                              n_sections);
  held = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u interview", "%u interviews", n_interviews),
                          n_interviews);
  /* TRANSLATORS: "12 questions, 4 sections, 18 interviews" */
  summary = g_strdup_printf (_("%s, %s, %s"), questions, sections, held);
  gtk_label_set_label (self->summary_label, summary);

  gtk_widget_set_visible (self->empty_page, n_questions == 0);
}

/* Links to effects and indicators */

static GPtrArray *
dup_links (TissageGridEditor *self,
           GType              type,
           gint64             question_id)
{
  GListModel *model = tissage_document_get_records (self->document, type);
  GPtrArray *links = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(TissageRecord) link = g_list_model_get_item (model, i);
      gint64 question = 0;

      g_object_get (link, "question-id", &question, NULL);
      if (question == question_id)
        g_ptr_array_add (links, g_steal_pointer (&link));
    }

  return links;
}

static TissageRecord *
find_link (TissageGridEditor *self,
           GType              type,
           gint64             question_id,
           const char        *column,
           gint64             target)
{
  g_autoptr(GPtrArray) links = dup_links (self, type, question_id);

  for (guint i = 0; i < links->len; i++)
    {
      gint64 id = 0;

      g_object_get (g_ptr_array_index (links, i), column, &id, NULL);
      if (id == target)
        return g_object_ref (g_ptr_array_index (links, i));
    }

  return NULL;
}

static void
set_link (QuestionRow *row,
          gboolean     effect,
          gint64       target,
          gboolean     linked)
{
  TissageGridEditor *self = row->editor;
  GType type = effect ? TISSAGE_TYPE_QUESTION_EFFECT : TISSAGE_TYPE_QUESTION_INDICATOR;
  const char *column = effect ? "effect-id" : "indicator-id";
  g_autoptr(TissageRecord) existing = find_link (self, type, row->id, column, target);
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;

  if (linked && existing == NULL)
    {
      g_autoptr(TissageRecord) added =
        tissage_document_insert (self->document, type, &error, "question-id", row->id, column, target, NULL);
      ok = added != NULL;
    }
  else if (!linked && existing != NULL)
    ok = tissage_document_delete (self->document, existing, &error);

  if (!ok)
    report (self, error);
}

static void
on_chip_remove (GtkButton   *button,
                QuestionRow *row)
{
  set_link (row, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "effect")),
            *(gint64 *) g_object_get_data (G_OBJECT (button), "target"), FALSE);
}

static void
add_chip (QuestionRow *row,
          gboolean     effect,
          gint64       target,
          const char  *title)
{
  GtkWidget *chip = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *icon = gtk_image_new_from_icon_name (effect ? "starred-symbolic" : "view-list-bullet-symbolic");
  GtkWidget *label = gtk_label_new (title);
  GtkWidget *remove = gtk_button_new_from_icon_name ("window-close-symbolic");
  g_autofree char *tooltip = g_strdup_printf (_("Unlink “%s”"), title);
  gint64 *id = g_new (gint64, 1);

  *id = target;
  gtk_widget_add_css_class (chip, "grid-chip");
  gtk_widget_set_tooltip_text (icon, effect ? _("Expected effect") : _("Indicator"));
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  gtk_widget_set_tooltip_text (label, title);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_add_css_class (remove, "circular");
  gtk_widget_set_tooltip_text (remove, tooltip);
  g_object_set_data (G_OBJECT (remove), "effect", GINT_TO_POINTER (effect));
  g_object_set_data_full (G_OBJECT (remove), "target", id, g_free);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_chip_remove), row);
  gtk_box_append (GTK_BOX (chip), icon);
  gtk_box_append (GTK_BOX (chip), label);
  gtk_box_append (GTK_BOX (chip), remove);
  gtk_flow_box_append (GTK_FLOW_BOX (row->widget->links_box), chip);
}

static void
refresh_question_links (QuestionRow *row)
{
  TissageGridEditor *self = row->editor;
  g_autoptr(GPtrArray) effects = dup_links (self, TISSAGE_TYPE_QUESTION_EFFECT, row->id);
  g_autoptr(GPtrArray) indicators = dup_links (self, TISSAGE_TYPE_QUESTION_INDICATOR, row->id);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (row->widget->links_box)) != NULL)
    gtk_flow_box_remove (GTK_FLOW_BOX (row->widget->links_box), child);

  row->n_effects = row->n_indicators = 0;
  for (guint i = 0; i < effects->len; i++)
    {
      gint64 id = tissage_question_effect_get_effect_id (g_ptr_array_index (effects, i));
      TissageEffect *effect = tissage_document_lookup (self->document, TISSAGE_TYPE_EFFECT, id);

      if (effect != NULL)
        {
          add_chip (row, TRUE, id, tissage_effect_get_title (effect));
          row->n_effects++;
        }
    }
  for (guint i = 0; i < indicators->len; i++)
    {
      gint64 id = tissage_question_indicator_get_indicator_id (g_ptr_array_index (indicators, i));
      TissageIndicator *indicator = tissage_document_lookup (self->document, TISSAGE_TYPE_INDICATOR, id);

      if (indicator != NULL)
        {
          add_chip (row, FALSE, id, tissage_indicator_get_title (indicator));
          row->n_indicators++;
        }
    }

  gtk_widget_set_visible (row->widget->links_box, row->n_effects + row->n_indicators > 0);
  gtk_widget_set_visible (row->widget->links_empty, row->n_effects + row->n_indicators == 0);
}

static gboolean
links_idle_cb (gpointer data)
{
  TissageGridEditor *self = data;

  self->links_idle = 0;
  refresh_links (self);
  return G_SOURCE_REMOVE;
}

static void
refresh_links (TissageGridEditor *self)
{
  GHashTableIter iter;
  gpointer value;

  g_clear_handle_id (&self->links_idle, g_source_remove);
  g_hash_table_iter_init (&iter, self->questions);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      refresh_question_links (value);
      refresh_question (value);
    }
}

/* The picker of effects and indicators */

static void
on_pick_toggled (GtkCheckButton *check,
                 QuestionRow    *row)
{
  set_link (row, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (check), "effect")),
            *(gint64 *) g_object_get_data (G_OBJECT (check), "target"),
            gtk_check_button_get_active (check));
}

static gboolean
filter_pick (GtkListBoxRow *item,
             gpointer       data)
{
  GtkEditable *search = data;

  return tissage_search_matches (gtk_editable_get_text (search),
                                 adw_preferences_row_get_title (ADW_PREFERENCES_ROW (item)));
}

static void
add_pick_row (QuestionRow *row,
              GtkListBox  *list,
              gboolean     effect,
              gint64       target,
              const char  *title,
              const char  *subtitle,
              gboolean     linked)
{
  GtkWidget *item = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  gint64 *id = g_new (gint64, 1);

  *id = target;
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (item), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (item), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (item), subtitle);
  adw_action_row_add_prefix (ADW_ACTION_ROW (item), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (item), check);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), linked);
  g_object_set_data (G_OBJECT (check), "effect", GINT_TO_POINTER (effect));
  g_object_set_data_full (G_OBJECT (check), "target", id, g_free);
  g_signal_connect (check, "toggled", G_CALLBACK (on_pick_toggled), row);
  gtk_list_box_append (list, item);
}

static void
create_picker (GtkMenuButton *button,
               gpointer       data)
{
  QuestionRow *row = data;
  TissageGridEditor *self = row->editor;
  GListModel *effects = tissage_document_get_records (self->document, TISSAGE_TYPE_EFFECT);
  GListModel *indicators = tissage_document_get_records (self->document, TISSAGE_TYPE_INDICATOR);
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *search = gtk_search_entry_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *placeholder = gtk_label_new (_("The référentiel has no effects or indicators yet."));

  gtk_widget_set_size_request (box, 380, -1);
  g_object_set (search, "placeholder-text", _("Search effects and indicators"), NULL);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 420);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_label_set_wrap (GTK_LABEL (placeholder), TRUE);
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_list_box_set_placeholder (GTK_LIST_BOX (list), placeholder);
  gtk_list_box_set_filter_func (GTK_LIST_BOX (list), filter_pick, search, NULL);
  g_signal_connect_swapped (search, "search-changed", G_CALLBACK (gtk_list_box_invalidate_filter), list);

  for (guint i = 0; i < g_list_model_get_n_items (effects); i++)
    {
      g_autoptr(TissageEffect) effect = g_list_model_get_item (effects, i);
      g_autoptr(TissageRecord) link = find_link (self, TISSAGE_TYPE_QUESTION_EFFECT, row->id,
                                                 "effect-id", tissage_record_id (effect));

      add_pick_row (row, GTK_LIST_BOX (list), TRUE, tissage_record_id (effect), tissage_effect_get_title (effect),
                    _("Expected effect"), link != NULL);
    }
  for (guint i = 0; i < g_list_model_get_n_items (indicators); i++)
    {
      g_autoptr(TissageIndicator) indicator = g_list_model_get_item (indicators, i);
      g_autoptr(TissageRecord) link = find_link (self, TISSAGE_TYPE_QUESTION_INDICATOR, row->id,
                                                 "indicator-id", tissage_record_id (indicator));
      TissageEffect *effect = tissage_document_lookup (self->document, TISSAGE_TYPE_EFFECT,
                                                       tissage_indicator_get_effect_id (indicator));
      g_autofree char *subtitle = effect != NULL
        ? g_strdup_printf (_("Indicator of “%s”"), tissage_effect_get_title (effect))
        : g_strdup (_("Indicator"));

      add_pick_row (row, GTK_LIST_BOX (list), FALSE, tissage_record_id (indicator),
                    tissage_indicator_get_title (indicator), subtitle, link != NULL);
    }

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  gtk_box_append (GTK_BOX (box), search);
  gtk_box_append (GTK_BOX (box), scrolled);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_menu_button_set_popover (button, popover);
}

/* Questions */

static void
save_question (QuestionRow *row,
               const char  *property,
               const char  *text)
{
  g_autoptr(GError) error = NULL;

  if (row->editor->updating)
    return;
  if (!tissage_document_set (row->editor->document, row->question, &error, property, text, NULL))
    report (row->editor, error);
}

static void
on_text_changed (GtkEditable *editable,
                 QuestionRow *row)
{
  const char *text = gtk_editable_get_text (editable);
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  if (row->editor->updating)
    return;

  /* A question is never empty: while it is, the old one stays saved. */
  if (*stripped == '\0')
    {
      gtk_widget_add_css_class (row->widget->text_row, "error");
      return;
    }
  gtk_widget_remove_css_class (row->widget->text_row, "error");
  save_question (row, "text", text);
}

static void
on_field_changed (GtkEditable *editable,
                  QuestionRow *row)
{
  save_question (row, g_object_get_data (G_OBJECT (editable), "property"), gtk_editable_get_text (editable));
}

static void
show_choices_note (QuestionRow  *row,
                   ChoicesState  state,
                   const char   *text)
{
  row->choices_state = state;
  gtk_label_set_label (GTK_LABEL (row->widget->choices_note), text ? text : "");
  gtk_widget_set_visible (row->widget->choices_note, text != NULL);
  if (state == CHOICES_REFUSED)
    gtk_widget_add_css_class (row->widget->choices_note, "error");
  else
    gtk_widget_remove_css_class (row->widget->choices_note, "error");
}

static void
save_choices (QuestionRow *row)
{
  g_autofree char *text = buffer_text (GTK_TEXT_VIEW (row->widget->choices_view));
  g_autoptr(GError) error = NULL;

  if (tissage_document_set (row->editor->document, row->question, &error, "choices", text, NULL))
    show_choices_note (row, CHOICES_SAVED, NULL);
  else
    show_choices_note (row, CHOICES_REFUSED, error->message);
}

/* The saved choices that @text no longer lists. */
static GPtrArray *
dup_dropped_choices (QuestionRow *row,
                     const char  *text)
{
  g_auto(GStrv) saved = tissage_grid_question_dup_choices (row->question);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autoptr(GHashTable) kept = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *dropped = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *label = g_strstrip (g_strdup (lines[i]));

      g_hash_table_add (kept, g_utf8_casefold (label, -1));
    }
  for (guint i = 0; saved[i] != NULL; i++)
    {
      g_autofree char *folded = g_utf8_casefold (saved[i], -1);

      if (!g_hash_table_contains (kept, folded))
        g_ptr_array_add (dropped, g_strdup (saved[i]));
    }

  return dropped;
}

static gboolean
check_choices (gpointer data)
{
  QuestionRow *row = data;
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) dropped = NULL;

  row->choices_idle = 0;
  text = buffer_text (GTK_TEXT_VIEW (row->widget->choices_view));
  dropped = dup_dropped_choices (row, text);
  if (dropped->len > 0 && tissage_document_count_answers (row->editor->document, row->question) > 0)
    {
      /* Asked once the field is left, not at every letter of a renamed choice. */
      show_choices_note (row, CHOICES_TO_CONFIRM,
                         _("Some answers hold the choices you are changing: you will be asked to confirm when you leave this field."));
      return G_SOURCE_REMOVE;
    }

  save_choices (row);
  return G_SOURCE_REMOVE;
}

/* Checked once the change is whole: replacing the text first empties it. */
static void
on_choices_changed (GtkTextBuffer *buffer,
                    QuestionRow   *row)
{
  if (!row->editor->updating && row->choices_idle == 0)
    row->choices_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE, check_choices, row, NULL);
}

typedef struct {
  TissageGridEditor   *editor;
  TissageGridQuestion *question;
  int                  kind;
} Pending;

static void
pending_free (Pending *pending)
{
  g_object_unref (pending->editor);
  g_object_unref (pending->question);
  g_free (pending);
}

static Pending *
pending_new (QuestionRow *row,
             int          kind)
{
  Pending *pending = g_new0 (Pending, 1);

  pending->editor = g_object_ref (row->editor);
  pending->question = g_object_ref (row->question);
  pending->kind = kind;
  return pending;
}

static AdwMessageDialog *
confirm_dialog (TissageGridEditor *self,
                const char        *heading,
                const char        *body,
                const char        *response,
                const char        *response_label,
                AdwResponseAppearance appearance)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                                          heading, body));

  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), response, response_label, NULL);
  adw_message_dialog_set_response_appearance (dialog, response, appearance);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  return dialog;
}

static void
on_choices_confirmed (AdwMessageDialog *dialog,
                      const char       *response,
                      Pending          *pending)
{
  QuestionRow *row = lookup_question (pending->editor, tissage_record_id (pending->question));

  if (row == NULL)
    return;

  if (g_str_equal (response, "change"))
    save_choices (row);
  else
    {
      /* Back to the saved choices. */
      g_autofree char *saved = NULL;

      g_object_get (row->question, "choices", &saved, NULL);
      row->editor->updating = TRUE;
      set_buffer_text (GTK_TEXT_VIEW (row->widget->choices_view), saved);
      row->editor->updating = FALSE;
      show_choices_note (row, CHOICES_SAVED, NULL);
    }
}

static void
on_choices_left (GtkEventControllerFocus *controller,
                 QuestionRow             *row)
{
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) dropped = NULL;
  g_autofree char *names = NULL;
  g_autofree char *body = NULL;
  guint n;
  AdwMessageDialog *dialog;

  if (row->choices_idle != 0)
    {
      g_clear_handle_id (&row->choices_idle, g_source_remove);
      check_choices (row);
    }
  if (row->choices_state != CHOICES_TO_CONFIRM)
    return;

  text = buffer_text (GTK_TEXT_VIEW (row->widget->choices_view));
  dropped = dup_dropped_choices (row, text);
  n = tissage_document_count_answers (row->editor->document, row->question);
  if (dropped->len == 0 || n == 0)
    {
      save_choices (row);
      return;
    }

  g_ptr_array_add (dropped, NULL);
  names = g_strjoinv (_("”, “"), (char **) dropped->pdata);
  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "This question has %u answer: it is kept, but an answer “%s” will no longer match a choice.",
                                       "This question has %u answers: they are kept, but answers “%s” will no longer match a choice.",
                                       n),
                          n, names);
  dialog = confirm_dialog (row->editor, _("Change the Choices?"), body, "change", _("C_hange"),
                           ADW_RESPONSE_DESTRUCTIVE);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_choices_confirmed), pending_new (row, 0),
                         (GClosureNotify) pending_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
set_kind (TissageGridEditor   *self,
          TissageGridQuestion *question,
          int                  kind)
{
  g_autoptr(GError) error = NULL;
  QuestionRow *row;

  if (!tissage_document_set (self->document, question, &error, "kind", kind, NULL))
    report (self, error);
  /* Refused or not, the drop-down shows what is saved. */
  if ((row = lookup_question (self, tissage_record_id (question))) != NULL)
    refresh_question (row);
}

static void
on_kind_confirmed (AdwMessageDialog *dialog,
                   const char       *response,
                   Pending          *pending)
{
  QuestionRow *row = lookup_question (pending->editor, tissage_record_id (pending->question));

  if (g_str_equal (response, "change"))
    set_kind (pending->editor, pending->question, pending->kind);
  else if (row != NULL)
    refresh_question (row);
}

static void
on_kind_selected (GtkDropDown *dropdown,
                  GParamSpec  *pspec,
                  QuestionRow *row)
{
  guint kind = gtk_drop_down_get_selected (dropdown);
  guint n;

  if (row->editor->updating || kind == GTK_INVALID_LIST_POSITION ||
      kind == (guint) tissage_grid_question_get_kind (row->question))
    return;

  n = tissage_document_count_answers (row->editor->document, row->question);
  if (n > 0)
    {
      g_autofree char *body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "This question has %u answer: it is kept as it was given, but may no longer fit the new kind of answer.",
                                                            "This question has %u answers: they are kept as they were given, but may no longer fit the new kind of answer.",
                                                            n), n);
      AdwMessageDialog *dialog = confirm_dialog (row->editor, _("Change the Kind of Answer?"), body,
                                                 "change", _("C_hange"), ADW_RESPONSE_DESTRUCTIVE);

      g_signal_connect_data (dialog, "response", G_CALLBACK (on_kind_confirmed), pending_new (row, kind),
                             (GClosureNotify) pending_free, 0);
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  set_kind (row->editor, row->question, kind);
}

static void
refresh_question (QuestionRow *row)
{
  TissageGridEditor *self = row->editor;
  TissageQuestionKind kind = tissage_grid_question_get_kind (row->question);
  gboolean retired = tissage_grid_question_get_retired (row->question);
  const char *text = tissage_grid_question_get_text (row->question);
  g_autofree char *min_label = NULL;
  g_autofree char *max_label = NULL;
  g_autofree char *choices = NULL;
  g_autofree char *title_copy = NULL;
  g_autofree char *subtitle_copy = NULL;
  g_autoptr(GString) subtitle = g_string_new (NULL);

  g_object_get (row->question, "scale-min-label", &min_label, "scale-max-label", &max_label,
                "choices", &choices, NULL);

  self->updating = TRUE;
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->expander),
                                 tissage_label_text (text, TISSAGE_LABEL_MAX_CHARS, &title_copy));
  set_editable_text (row->widget->text_row, text);
  if (gtk_drop_down_get_selected (GTK_DROP_DOWN (row->widget->kind_dropdown)) != (guint) kind)
    gtk_drop_down_set_selected (GTK_DROP_DOWN (row->widget->kind_dropdown), kind);
  set_editable_text (row->widget->guidance_row, tissage_grid_question_get_guidance (row->question));
  set_editable_text (row->widget->min_row, min_label);
  set_editable_text (row->widget->max_row, max_label);
  if (row->choices_state == CHOICES_SAVED)
    set_buffer_text (GTK_TEXT_VIEW (row->widget->choices_view), choices);
  self->updating = FALSE;

  gtk_widget_set_visible (row->widget->min_row, kind == TISSAGE_QUESTION_SCALE);
  gtk_widget_set_visible (row->widget->max_row, kind == TISSAGE_QUESTION_SCALE);
  gtk_widget_set_visible (row->widget->choices_row, kind == TISSAGE_QUESTION_SINGLE || kind == TISSAGE_QUESTION_MULTIPLE);

  if (retired)
    {
      g_string_append (subtitle, _("Retired"));
      g_string_append (subtitle, " · ");
      g_string_append_printf (subtitle, g_dngettext (GETTEXT_PACKAGE, "%u answer kept", "%u answers kept",
                                                     row->n_answers), row->n_answers);
    }
  else
    {
      g_string_append (subtitle, tissage_question_kind_to_label (kind));
      if (row->n_effects > 0)
        {
          g_string_append (subtitle, " · ");
          g_string_append_printf (subtitle, g_dngettext (GETTEXT_PACKAGE, "%u effect", "%u effects",
                                                         row->n_effects), row->n_effects);
        }
      if (row->n_indicators > 0)
        {
          g_string_append (subtitle, row->n_effects > 0 ? ", " : " · ");
          g_string_append_printf (subtitle, g_dngettext (GETTEXT_PACKAGE, "%u indicator", "%u indicators",
                                                         row->n_indicators), row->n_indicators);
        }
    }
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row->expander),
                                 tissage_label_text (subtitle->str, TISSAGE_LABEL_MAX_CHARS, &subtitle_copy));
}

static void
on_question_notify (TissageGridQuestion *question,
                    GParamSpec          *pspec,
                    QuestionRow         *row)
{
  /* Undo or an edit elsewhere: the saved choices win over a refused text. */
  if (g_str_equal (pspec->name, "choices") && row->choices_state != CHOICES_SAVED)
    show_choices_note (row, CHOICES_SAVED, NULL);
  refresh_question (row);
}

/* An entry row of the question saving what is typed in it to @property. */
static void
field_row (QuestionRow *row,
           GtkWidget   *entry,
           const char  *property)
{
  g_object_set_data (G_OBJECT (entry), "property", (gpointer) property);
  g_signal_connect (entry, "changed", G_CALLBACK (on_field_changed), row);
}

/* A flat icon button firing @action on the row or section @id. */
static GtkWidget *
action_button (const char *icon,
               const char *tooltip,
               const char *action,
               gint64      id)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", id);
  return button;
}

static void
question_row_free (QuestionRow *row)
{
  GtkWidget *parent = gtk_widget_get_parent (row->expander);

  g_clear_handle_id (&row->choices_idle, g_source_remove);
  g_signal_handlers_disconnect_by_data (row->question, row);
  if (parent != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (parent), row->expander);
  g_object_unref (row->expander);
  g_object_unref (row->question);
  g_free (row);
}

static QuestionRow *
question_row_new (TissageGridEditor   *self,
                  TissageGridQuestion *question)
{
  QuestionRow *row = g_new0 (QuestionRow, 1);
  g_autofree char *name = NULL;
  GtkEventController *focus;

  row->editor = self;
  row->question = g_object_ref (question);
  row->id = tissage_record_id (question);
  row->widget = tissage_grid_question_row_new (row->id);
  row->expander = g_object_ref_sink (GTK_WIDGET (row->widget));
  name = g_strdup_printf ("question-%" G_GINT64_FORMAT, row->id);
  gtk_widget_set_name (row->expander, name);
  g_object_set_data (G_OBJECT (row->expander), "question-row", row);

  g_signal_connect (row->widget->text_row, "changed", G_CALLBACK (on_text_changed), row);
  g_signal_connect (row->widget->kind_dropdown, "notify::selected", G_CALLBACK (on_kind_selected), row);
  field_row (row, row->widget->min_row, "scale-min-label");
  field_row (row, row->widget->max_row, "scale-max-label");
  field_row (row, row->widget->guidance_row, "guidance");

  g_signal_connect (gtk_text_view_get_buffer (GTK_TEXT_VIEW (row->widget->choices_view)), "changed",
                    G_CALLBACK (on_choices_changed), row);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect (focus, "leave", G_CALLBACK (on_choices_left), row);
  gtk_widget_add_controller (row->widget->choices_view, focus);

  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (row->widget->link_button), create_picker, row, NULL);

  g_signal_connect (question, "notify", G_CALLBACK (on_question_notify), row);
  refresh_question_links (row);
  refresh_question (row);

  return row;
}

/* Sections */

static void
on_section_title_changed (GtkEditable *editable,
                          SectionView *view)
{
  g_autoptr(GError) error = NULL;

  if (view->editor->updating || view->section == NULL)
    return;
  if (!tissage_document_set (view->editor->document, view->section, &error,
                             "title", gtk_editable_get_text (editable), NULL))
    report (view->editor, error);
}

static void
on_section_notify (SectionView *view)
{
  view->editor->updating = TRUE;
  set_editable_text (view->title, tissage_grid_section_get_title (view->section));
  view->editor->updating = FALSE;
}

static GtkWidget *
section_button (SectionView *view,
                const char  *icon,
                const char  *tooltip,
                const char  *action)
{
  GtkWidget *button = action_button (icon, tooltip, action, view->id);

  gtk_box_append (GTK_BOX (view->header), button);
  return button;
}

static void
section_view_free (SectionView *view)
{
  if (view->section != NULL)
    {
      g_signal_handlers_disconnect_by_data (view->section, view);
      g_object_unref (view->section);
    }
  if (gtk_widget_get_parent (view->box) != NULL)
    gtk_box_remove (GTK_BOX (gtk_widget_get_parent (view->box)), view->box);
  g_object_unref (view->box);
  g_free (view);
}

static SectionView *
section_view_new (TissageGridEditor  *self,
                  TissageGridSection *section)
{
  SectionView *view = g_new0 (SectionView, 1);
  GtkWidget *placeholder, *content;
  g_autofree char *name = NULL;

  view->editor = self;
  view->id = tissage_record_id (section);
  view->section = section != NULL ? g_object_ref (section) : NULL;
  view->box = g_object_ref_sink (gtk_box_new (GTK_ORIENTATION_VERTICAL, 6));
  name = g_strdup_printf ("section-%" G_GINT64_FORMAT, view->id);
  gtk_widget_set_name (view->box, name);

  view->header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  if (section != NULL)
    {
      view->title = gtk_editable_label_new (tissage_grid_section_get_title (section));
      tissage_editable_label_ellipsize (GTK_EDITABLE_LABEL (view->title));
      tissage_editable_label_outlive_focus (GTK_EDITABLE_LABEL (view->title));
      gtk_widget_set_tooltip_text (view->title, _("Click to rename the section"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (view->title), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Title of the section"), -1);
      g_signal_connect (view->title, "changed", G_CALLBACK (on_section_title_changed), view);
      g_signal_connect_swapped (section, "notify::title", G_CALLBACK (on_section_notify), view);
    }
  else
    view->title = gtk_label_new (_("Without a Section"));
  gtk_widget_add_css_class (view->title, "heading");
  gtk_widget_set_hexpand (view->title, TRUE);
  gtk_widget_set_valign (view->title, GTK_ALIGN_CENTER);
  if (GTK_IS_LABEL (view->title))
    gtk_label_set_xalign (GTK_LABEL (view->title), 0);
  gtk_box_append (GTK_BOX (view->header), view->title);
  if (section != NULL)
    {
      view->up = section_button (view, "go-up-symbolic", _("Move the Section Up"), "grid.move-section-up");
      view->down = section_button (view, "go-down-symbolic", _("Move the Section Down"), "grid.move-section-down");
      section_button (view, "user-trash-symbolic", _("Delete the Section"), "grid.delete-section");
    }
  gtk_box_append (GTK_BOX (view->box), view->header);

  view->list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (view->list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (view->list, "boxed-list");
  placeholder = gtk_label_new (_("No questions in this section yet."));
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_list_box_set_placeholder (GTK_LIST_BOX (view->list), placeholder);
  gtk_box_append (GTK_BOX (view->box), view->list);

  view->add_button = gtk_button_new ();
  content = adw_button_content_new ();
  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "list-add-symbolic");
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), _("Add a _Question"));
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (content), TRUE);
  gtk_button_set_child (GTK_BUTTON (view->add_button), content);
  gtk_widget_add_css_class (view->add_button, "flat");
  gtk_widget_set_halign (view->add_button, GTK_ALIGN_START);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (view->add_button), "grid.add-question");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (view->add_button), "x", view->id);
  gtk_box_append (GTK_BOX (view->box), view->add_button);

  return view;
}

/* Layout: the sections and questions of the file, in their order, built
 * once and moved as they move. */

static void
sync_layout (TissageGridEditor *self)
{
  g_autoptr(GPtrArray) sections = NULL;
  g_autoptr(GPtrArray) questions = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  GHashTableIter iter;
  gpointer value;
  SectionView *none;
  GtkWidget *previous = NULL;
  int retired_index = 0;
  QuestionRow *first = NULL, *last = NULL;

  if (self->grid == NULL || self->document == NULL)
    return;

  /* Sections */
  sections = dup_sorted (self, TISSAGE_TYPE_GRID_SECTION);
  if ((none = lookup_section (self, 0)) == NULL)
    {
      gint64 *key = g_new0 (gint64, 1);

      none = section_view_new (self, NULL);
      g_hash_table_insert (self->sections, key, none);
    }
  g_ptr_array_set_size (self->section_order, 0);
  g_ptr_array_add (self->section_order, none);
  for (guint i = 0; i < sections->len; i++)
    {
      TissageGridSection *section = g_ptr_array_index (sections, i);
      gint64 id = tissage_record_id (section);
      SectionView *view = lookup_section (self, id);

      if (view == NULL)
        {
          gint64 *key = g_new (gint64, 1);

          *key = id;
          view = section_view_new (self, section);
          g_hash_table_insert (self->sections, key, view);
        }
      g_ptr_array_add (self->section_order, view);
    }
  g_hash_table_iter_init (&iter, self->sections);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (!g_ptr_array_find (self->section_order, value, NULL))
      g_hash_table_iter_remove (&iter);

  for (guint i = 0; i < self->section_order->len; i++)
    {
      SectionView *view = g_ptr_array_index (self->section_order, i);

      if (gtk_widget_get_parent (view->box) == NULL)
        gtk_box_insert_child_after (self->sections_box, view->box, previous);
      else if (gtk_widget_get_prev_sibling (view->box) != previous)
        gtk_box_reorder_child_after (self->sections_box, view->box, previous);
      previous = view->box;
      view->n_questions = 0;
      if (view->up != NULL)
        {
          gtk_widget_set_sensitive (view->up, i > 1);
          gtk_widget_set_sensitive (view->down, i + 1 < self->section_order->len);
        }
    }

  /* Questions, each in its section at its place; retired ones at the end. */
  questions = dup_sorted (self, TISSAGE_TYPE_GRID_QUESTION);
  for (guint i = 0; i < questions->len; i++)
    {
      TissageGridQuestion *q = g_ptr_array_index (questions, i);
      gint64 id = tissage_record_id (q);
      gint64 section = tissage_grid_question_get_section_id (q);
      QuestionRow *row = lookup_question (self, id);
      gboolean retired = tissage_grid_question_get_retired (q);
      gboolean was_retired;

      if (row == NULL)
        {
          gint64 *key = g_new (gint64, 1);

          *key = id;
          row = question_row_new (self, q);
          g_hash_table_insert (self->questions, key, row);
          was_retired = !retired;
        }
      else
        was_retired = gtk_widget_get_parent (row->expander) == GTK_WIDGET (self->retired_list);
      g_hash_table_add (seen, &row->id);

      if (retired)
        {
          if (!was_retired)
            row->n_answers = tissage_document_count_answers (self->document, q);
          place_row (self->retired_list, row->expander, retired_index++);
        }
      else
        {
          SectionView *view = lookup_section (self, section);

          if (view == NULL)
            view = none;
          place_row (GTK_LIST_BOX (view->list), row->expander, view->n_questions++);
        }

      if (retired != was_retired)
        {
          gtk_widget_set_visible (row->widget->up, !retired);
          gtk_widget_set_visible (row->widget->down, !retired);
          gtk_widget_set_visible (row->widget->remove, !retired);
          gtk_widget_set_visible (row->widget->restore, retired);
          if (retired)
            {
              adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row->expander), FALSE);
              gtk_widget_add_css_class (row->expander, "retired-question");
            }
          else
            gtk_widget_remove_css_class (row->expander, "retired-question");
          adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (row->expander), !retired);
          refresh_question (row);
        }
    }
  g_hash_table_iter_init (&iter, self->questions);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (!g_hash_table_contains (seen, &((QuestionRow *) value)->id))
      g_hash_table_iter_remove (&iter);

  /* The first and last questions shown cannot move further. */
  for (guint i = 0; i < self->section_order->len; i++)
    {
      SectionView *view = g_ptr_array_index (self->section_order, i);

      for (GtkWidget *child = gtk_widget_get_first_child (view->list); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          QuestionRow *row = g_object_get_data (G_OBJECT (child), "question-row");

          if (row == NULL)
            continue;
          if (first == NULL)
            first = row;
          last = row;
          gtk_widget_set_sensitive (row->widget->up, TRUE);
          gtk_widget_set_sensitive (row->widget->down, TRUE);
        }
    }
  if (first != NULL)
    gtk_widget_set_sensitive (first->widget->up, FALSE);
  if (last != NULL)
    gtk_widget_set_sensitive (last->widget->down, FALSE);

  /* Questions outside sections show only when there are some. */
  gtk_widget_set_visible (none->box, none->n_questions > 0);
  gtk_widget_set_visible (none->header, self->section_order->len > 1);
  gtk_widget_set_visible (self->retired_box, retired_index > 0);

  refresh_summary (self);
}

/* Actions */

static void
focus_editable (GtkWidget *editable)
{
  g_signal_handlers_disconnect_by_func (editable, focus_editable, NULL);
  gtk_widget_grab_focus (editable);
  gtk_editable_select_region (GTK_EDITABLE (editable), 0, -1);
}

/* The rows of an expander are shown a moment after it opens. */
static void
focus_when_shown (GtkWidget *editable)
{
  if (gtk_widget_get_mapped (editable))
    focus_editable (editable);
  else
    g_signal_connect (editable, "map", G_CALLBACK (focus_editable), NULL);
}

/* While @widget opens, the scroller follows it so that it shows whole,
 * or its top if it is taller than the view: a question added at the end
 * of a long guide was opened and focused out of sight. */
typedef struct {
  GtkWidget *scroller;
  int        last_height;
  guint      still_frames;
  guint      frames;
} Following;

static gboolean
follow_opening (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  Following *following = user_data;
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (following->scroller));
  graphene_rect_t bounds;
  double view = gtk_widget_get_height (following->scroller);
  double value = gtk_adjustment_get_value (adjustment);
  double top, bottom;
  int height = gtk_widget_get_height (widget);

  /* Some two seconds at most: an opening animation is long done. */
  if (++following->frames > 120)
    return G_SOURCE_REMOVE;
  if (!gtk_widget_get_mapped (widget) || height == 0 ||
      !gtk_widget_compute_bounds (widget, following->scroller, &bounds))
    return G_SOURCE_CONTINUE;

  top = bounds.origin.y - 12;
  bottom = bounds.origin.y + bounds.size.height + 12;
  if (bottom > view)
    value += MIN (bottom - view, top);
  else if (top < 0)
    value += top;
  gtk_adjustment_set_value (adjustment, value);

  following->still_frames = height == following->last_height ? following->still_frames + 1 : 0;
  following->last_height = height;
  return following->still_frames < 3 ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static void
scroll_into_view (TissageGridEditor *self,
                  GtkWidget         *widget)
{
  Following *following = g_new0 (Following, 1);

  following->scroller = self->scroller;
  gtk_widget_add_tick_callback (widget, follow_opening, following, g_free);
}

static void
add_question (TissageGridEditor *self,
              gint64             section_id)
{
  g_autoptr(GPtrArray) siblings = NULL;
  g_autoptr(TissageGridQuestion) question = NULL;
  g_autoptr(GError) error = NULL;
  QuestionRow *row;

  if (self->grid == NULL)
    return;

  /* -1: where it fits, the first section if there is one. */
  if (section_id < 0)
    section_id = self->section_order->len > 1
      ? ((SectionView *) g_ptr_array_index (self->section_order, 1))->id : 0;

  siblings = dup_section_questions (self, section_id);
  question = tissage_document_insert (self->document, TISSAGE_TYPE_GRID_QUESTION, &error,
                                      "grid-id", grid_id (self), "section-id", section_id,
                                      "text", _("New question"), "position", (int) siblings->len, NULL);
  if (question == NULL)
    {
      report (self, error);
      return;
    }

  sync_layout (self);
  if ((row = lookup_question (self, tissage_record_id (question))) != NULL)
    {
      /* A section title being typed keeps what was typed; it would take
       * the focus back when it stops. */
      for (guint i = 1; i < self->section_order->len; i++)
        {
          SectionView *view = g_ptr_array_index (self->section_order, i);

          if (gtk_editable_label_get_editing (GTK_EDITABLE_LABEL (view->title)))
            gtk_editable_label_stop_editing (GTK_EDITABLE_LABEL (view->title), TRUE);
        }
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row->expander), TRUE);
      focus_when_shown (row->widget->text_row);
      scroll_into_view (self, row->expander);
    }
}

static void
move_question (TissageGridEditor *self,
               QuestionRow       *row,
               int                delta)
{
  guint section_index = 0, index = 0;
  SectionView *view = NULL;
  g_autoptr(GPtrArray) here = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  for (guint i = 0; i < self->section_order->len; i++)
    {
      SectionView *candidate = g_ptr_array_index (self->section_order, i);

      if (gtk_widget_get_parent (row->expander) == candidate->list)
        {
          view = candidate;
          section_index = i;
        }
    }
  if (view == NULL)
    return;

  here = dup_section_questions (self, view->id);
  for (guint i = 0; i < here->len; i++)
    if (g_ptr_array_index (here, i) == (gpointer) row->question)
      index = i;

  if (!tissage_document_begin (self->document, _("Move a question"), &error))
    {
      report (self, error);
      return;
    }

  if ((delta < 0 && index > 0) || (delta > 0 && index + 1 < here->len))
    {
      gpointer other = here->pdata[index + delta];

      here->pdata[index + delta] = here->pdata[index];
      here->pdata[index] = other;
      ok = write_order (self, here, view->id, &error);
    }
  else
    {
      /* From the edge of a section into the next one shown. */
      SectionView *next = NULL;
      g_autoptr(GPtrArray) there = NULL;

      for (int i = (int) section_index + delta; i >= 0 && i < (int) self->section_order->len; i += delta)
        {
          SectionView *candidate = g_ptr_array_index (self->section_order, i);

          if (gtk_widget_get_visible (candidate->box))
            {
              next = candidate;
              break;
            }
        }
      if (next == NULL)
        {
          tissage_document_rollback (self->document);
          return;
        }

      there = dup_section_questions (self, next->id);
      g_ptr_array_remove_index (here, index);
      if (delta < 0)
        g_ptr_array_add (there, g_object_ref (row->question));
      else
        g_ptr_array_insert (there, 0, g_object_ref (row->question));
      ok = write_order (self, here, view->id, &error) && write_order (self, there, next->id, &error);
    }

  if (!ok || !tissage_document_commit (self->document, &error))
    {
      tissage_document_rollback (self->document);
      report (self, error);
    }
}

static QuestionRow *
question_for_action (TissageGridEditor *self,
                     GVariant          *parameter)
{
  gint64 id = parameter != NULL ? g_variant_get_int64 (parameter) : 0;

  return id != 0 ? lookup_question (self, id) : focused_question (self);
}

static void
action_move_question (GtkWidget  *widget,
                      const char *name,
                      GVariant   *parameter)
{
  TissageGridEditor *self = TISSAGE_GRID_EDITOR (widget);
  QuestionRow *row = question_for_action (self, parameter);

  if (row != NULL && !tissage_grid_question_get_retired (row->question))
    move_question (self, row, g_str_has_suffix (name, "-up") ? -1 : 1);
}

static void
action_add_question (GtkWidget  *widget,
                     const char *name,
                     GVariant   *parameter)
{
  add_question (TISSAGE_GRID_EDITOR (widget), g_variant_get_int64 (parameter));
}

static void
on_retire_confirmed (AdwMessageDialog *dialog,
                     const char       *response,
                     Pending          *pending)
{
  g_autoptr(GError) error = NULL;

  if (g_str_equal (response, "retire") &&
      !tissage_document_remove_question (pending->editor->document, pending->question, NULL, &error))
    report (pending->editor, error);
}

static void
action_delete_question (GtkWidget  *widget,
                        const char *name,
                        GVariant   *parameter)
{
  TissageGridEditor *self = TISSAGE_GRID_EDITOR (widget);
  QuestionRow *row = question_for_action (self, parameter);
  g_autoptr(GError) error = NULL;
  gboolean retired = FALSE;
  guint n;

  if (row == NULL)
    return;

  n = tissage_document_count_answers (self->document, row->question);
  if (n > 0)
    {
      g_autofree char *body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "This question has %u answer: it will be removed from the guide, its answer is kept.",
                                                            "This question has %u answers: it will be removed from the guide, its answers are kept.",
                                                            n), n);
      AdwMessageDialog *dialog = confirm_dialog (self, _("Retire the Question?"), body,
                                                 "retire", _("_Retire"), ADW_RESPONSE_DESTRUCTIVE);

      g_signal_connect_data (dialog, "response", G_CALLBACK (on_retire_confirmed), pending_new (row, 0),
                             (GClosureNotify) pending_free, 0);
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  if (!tissage_document_remove_question (self->document, row->question, &retired, &error))
    report (self, error);
  else
    undo_toast (self, _("Question deleted"));
}

static void
action_restore_question (GtkWidget  *widget,
                         const char *name,
                         GVariant   *parameter)
{
  TissageGridEditor *self = TISSAGE_GRID_EDITOR (widget);
  QuestionRow *row = question_for_action (self, parameter);
  g_autoptr(GError) error = NULL;

  if (row != NULL && !tissage_document_set (self->document, row->question, &error, "retired", FALSE, NULL))
    report (self, error);
}

static void
action_add_section (GtkWidget  *widget,
                    const char *name,
                    GVariant   *parameter)
{
  TissageGridEditor *self = TISSAGE_GRID_EDITOR (widget);
  g_autoptr(TissageGridSection) section = NULL;
  g_autoptr(GError) error = NULL;
  SectionView *view;

  if (self->grid == NULL)
    return;

  section = tissage_document_insert (self->document, TISSAGE_TYPE_GRID_SECTION, &error,
                                     "grid-id", grid_id (self), "title", _("New section"),
                                     "position", (int) self->section_order->len - 1, NULL);
  if (section == NULL)
    {
      report (self, error);
      return;
    }

  sync_layout (self);
  if ((view = lookup_section (self, tissage_record_id (section))) != NULL)
    {
      gtk_editable_label_start_editing (GTK_EDITABLE_LABEL (view->title));
      gtk_editable_select_region (GTK_EDITABLE (view->title), 0, -1);
    }
}

static void
action_move_section (GtkWidget  *widget,
                     const char *name,
                     GVariant   *parameter)
{
  TissageGridEditor *self = TISSAGE_GRID_EDITOR (widget);
  SectionView *view = lookup_section (self, g_variant_get_int64 (parameter));
  int delta = g_str_has_suffix (name, "-up") ? -1 : 1;
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  guint index;

  if (view == NULL || view->section == NULL)
    return;

  /* The real sections, without the one for questions outside them. */
  for (guint i = 1; i < self->section_order->len; i++)
    g_ptr_array_add (order, ((SectionView *) g_ptr_array_index (self->section_order, i))->section);
  if (!g_ptr_array_find (order, view->section, &index) ||
      (delta < 0 && index == 0) || (delta > 0 && index + 1 >= order->len))
    return;

  order->pdata[index] = order->pdata[index + delta];
  order->pdata[index + delta] = view->section;

  if (!tissage_document_begin (self->document, _("Move a section"), &error))
    {
      report (self, error);
      return;
    }
  for (guint i = 0; i < order->len; i++)
    if ((guint) tissage_grid_section_get_position (order->pdata[i]) != i &&
        !tissage_document_set (self->document, order->pdata[i], &error, "position", (int) i, NULL))
      break;
  if (error != NULL || !tissage_document_commit (self->document, &error))
    {
      tissage_document_rollback (self->document);
      report (self, error);
    }
}

static void
action_delete_section (GtkWidget  *widget,
                       const char *name,
                       GVariant   *parameter)
{
  TissageGridEditor *self = TISSAGE_GRID_EDITOR (widget);
  SectionView *view = lookup_section (self, g_variant_get_int64 (parameter));
  g_autoptr(GError) error = NULL;
  guint n;

  if (view == NULL || view->section == NULL)
    return;

  n = view->n_questions;
  if (!tissage_document_delete (self->document, view->section, &error))
    {
      report (self, error);
      return;
    }

  if (n > 0)
    {
      g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "Section deleted: its question is now outside any section",
                                                             "Section deleted: its %u questions are now outside any section",
                                                             n), n);
      undo_toast (self, title);
    }
  else
    undo_toast (self, _("Section deleted"));
}

/* Following the document */

static void
on_row_changed (TissageGridEditor *self,
                const char        *table,
                gint64             id)
{
  if (self->grid == NULL)
    return;

  if (g_str_equal (table, "grids"))
    {
      if (id == grid_id (self) && tissage_document_lookup (self->document, TISSAGE_TYPE_GRID, id) == NULL)
        tissage_grid_editor_set_grid (self, NULL);
    }
  else if (g_str_equal (table, "grid_sections") || g_str_equal (table, "grid_questions"))
    sync_layout (self);
  else if (g_str_equal (table, "question_effects") || g_str_equal (table, "question_indicators") ||
           g_str_equal (table, "effects") || g_str_equal (table, "indicators"))
    {
      /* Copies and cascades change many links at once: one refresh for all. */
      if (self->links_idle == 0)
        self->links_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE, links_idle_cb, self, NULL);
    }
  else if (g_str_equal (table, "categories"))
    rebuild_categories (self);
  else if (g_str_equal (table, "grid_categories"))
    refresh_category_checks (self);
  else if (g_str_equal (table, "interviews"))
    refresh_summary (self);
}

static void
update_sensitivity (TissageGridEditor *self)
{
  tissage_widget_set_editable (self->scroller, tissage_widget_can_edit (self->document, "grids"));
}

static void
clear_views (TissageGridEditor *self)
{
  g_hash_table_remove_all (self->questions);
  g_ptr_array_set_size (self->section_order, 0);
  g_hash_table_remove_all (self->sections);
}

/* GObject */

static void
tissage_grid_editor_dispose (GObject *object)
{
  TissageGridEditor *self = TISSAGE_GRID_EDITOR (object);

  g_clear_handle_id (&self->links_idle, g_source_remove);
  tissage_grid_editor_set_grid (self, NULL);
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);

  gtk_widget_dispose_template (GTK_WIDGET (self), TISSAGE_TYPE_GRID_EDITOR);

  G_OBJECT_CLASS (tissage_grid_editor_parent_class)->dispose (object);
}

static void
tissage_grid_editor_finalize (GObject *object)
{
  TissageGridEditor *self = TISSAGE_GRID_EDITOR (object);

  g_clear_pointer (&self->questions, g_hash_table_unref);
  g_clear_pointer (&self->sections, g_hash_table_unref);
  g_clear_pointer (&self->section_order, g_ptr_array_unref);

  G_OBJECT_CLASS (tissage_grid_editor_parent_class)->finalize (object);
}

static void
tissage_grid_editor_class_init (TissageGridEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tissage_grid_editor_dispose;
  object_class->finalize = tissage_grid_editor_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/fr/tissage/Tissage/tissage-grid-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, TissageGridEditor, scroller);
  gtk_widget_class_bind_template_child (widget_class, TissageGridEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, TissageGridEditor, purpose_view);
  gtk_widget_class_bind_template_child (widget_class, TissageGridEditor, categories_box);
  gtk_widget_class_bind_template_child (widget_class, TissageGridEditor, categories_empty);
  gtk_widget_class_bind_template_child (widget_class, TissageGridEditor, summary_label);
  gtk_widget_class_bind_template_child (widget_class, TissageGridEditor, empty_page);
  gtk_widget_class_bind_template_child (widget_class, TissageGridEditor, sections_box);
  gtk_widget_class_bind_template_child (widget_class, TissageGridEditor, add_section_button);
  gtk_widget_class_bind_template_child (widget_class, TissageGridEditor, retired_box);
  gtk_widget_class_bind_template_child (widget_class, TissageGridEditor, retired_list);
  gtk_widget_class_bind_template_callback (widget_class, on_title_changed);

  gtk_widget_class_install_action (widget_class, "grid.add-section", NULL, action_add_section);
  gtk_widget_class_install_action (widget_class, "grid.add-question", "x", action_add_question);
  gtk_widget_class_install_action (widget_class, "grid.move-question-up", "x", action_move_question);
  gtk_widget_class_install_action (widget_class, "grid.move-question-down", "x", action_move_question);
  gtk_widget_class_install_action (widget_class, "grid.delete-question", "x", action_delete_question);
  gtk_widget_class_install_action (widget_class, "grid.restore-question", "x", action_restore_question);
  gtk_widget_class_install_action (widget_class, "grid.move-section-up", "x", action_move_section);
  gtk_widget_class_install_action (widget_class, "grid.move-section-down", "x", action_move_section);
  gtk_widget_class_install_action (widget_class, "grid.delete-section", "x", action_delete_section);

  /* 0: the question holding the focus. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK,
                                       "grid.move-question-up", "x", (gint64) 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK,
                                       "grid.move-question-down", "x", (gint64) 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
tissage_grid_editor_init (TissageGridEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->sections = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                          (GDestroyNotify) section_view_free);
  self->questions = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                           (GDestroyNotify) question_row_free);
  self->section_order = g_ptr_array_new ();
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->purpose_view), "changed",
                            G_CALLBACK (on_purpose_changed), self);
}

/* Public API */

GtkWidget *
tissage_grid_editor_new (void)
{
  return g_object_new (TISSAGE_TYPE_GRID_EDITOR, NULL);
}

void
tissage_grid_editor_set_document (TissageGridEditor *self,
                                  TissageDocument   *document)
{
  g_return_if_fail (TISSAGE_IS_GRID_EDITOR (self));
  g_return_if_fail (document == NULL || TISSAGE_IS_DOCUMENT (document));

  if (self->document == document)
    return;

  tissage_grid_editor_set_grid (self, NULL);
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_set_object (&self->document, document);

  if (document != NULL)
    {
      g_signal_connect_object (document, "row-changed", G_CALLBACK (on_row_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (document, "notify::read-only", G_CALLBACK (update_sensitivity), self,
                               G_CONNECT_SWAPPED);
      rebuild_categories (self);
    }
  update_sensitivity (self);
}

void
tissage_grid_editor_set_grid (TissageGridEditor *self,
                              TissageGrid       *grid)
{
  g_return_if_fail (TISSAGE_IS_GRID_EDITOR (self));
  g_return_if_fail (grid == NULL || TISSAGE_IS_GRID (grid));
  g_return_if_fail (grid == NULL || self->document != NULL);

  if (self->grid == grid)
    return;

  if (self->grid != NULL)
    g_signal_handlers_disconnect_by_data (self->grid, self);
  clear_views (self);
  g_set_object (&self->grid, grid);
  gtk_widget_set_visible (self->scroller, grid != NULL);
  gtk_widget_remove_css_class (GTK_WIDGET (self->title_row), "error");

  if (grid == NULL)
    return;

  g_signal_connect_object (grid, "notify", G_CALLBACK (refresh_grid), self, G_CONNECT_SWAPPED);
  refresh_grid (self);
  refresh_category_checks (self);
  sync_layout (self);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller)), 0);
}
