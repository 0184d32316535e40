#define G_LOG_DOMAIN "tissage-stakeholders"

#include "config.h"

#include <glib/gi18n.h>

#include "tissage-stakeholder-editor.h"
#include "tissage-stakeholder-page.h"
#include "tissage-window.h"

struct _TissageStakeholderPage
{
  GtkWidget           parent_instance;

  AdwFlap            *flap;
  GtkSearchEntry     *search_entry;
  GtkDropDown        *category_filter;
  GtkStack           *list_stack;
  GtkListView        *list_view;
  GtkLabel           *count_label;
  GtkStack           *detail_stack;
  TissageStakeholderEditor *editor;

  TissageDocument    *document;
  GtkCustomFilter    *filter;
  GtkFilterListModel *filter_model;
  GtkSortListModel   *sort_model;
  GtkSingleSelection *selection;
  GtkStringList      *category_names;
  GArray             *category_ids;
  char               *search_text;
};

enum {
  PROP_0,
  PROP_SELECTED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (TissageStakeholderPage, tissage_stakeholder_page, GTK_TYPE_WIDGET)

static TissageCategory *
category_of (TissageStakeholderPage *self,
             TissageStakeholder     *stakeholder)
{
  gint64 id = tissage_stakeholder_get_category_id (stakeholder);

  if (self->document == NULL || id == 0)
    return NULL;

  return tissage_document_lookup (self->document, TISSAGE_TYPE_CATEGORY, id);
}

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  TissageStakeholderPage *self = user_data;
  TissageStakeholder *stakeholder = item;
  guint selected = gtk_drop_down_get_selected (self->category_filter);

  if (selected != GTK_INVALID_LIST_POSITION && selected > 0 && selected < self->category_ids->len + 1)
    {
      gint64 wanted = g_array_index (self->category_ids, gint64, selected - 1);

      if (tissage_stakeholder_get_category_id (stakeholder) != wanted)
        return FALSE;
    }

  if (self->search_text != NULL && *self->search_text != '\0')
    {
      TissageCategory *category = category_of (self, stakeholder);

      return g_str_match_string (self->search_text, tissage_stakeholder_get_name (stakeholder), TRUE) ||
             (category != NULL &&
              g_str_match_string (self->search_text, tissage_category_get_name (category), TRUE));
    }

  return TRUE;
}

static void
update_empty_state (TissageStakeholderPage *self)
{
  guint total = self->document ? g_list_model_get_n_items (tissage_document_get_stakeholders (self->document)) : 0;
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  g_autofree char *count = NULL;

  if (total == 0)
    gtk_stack_set_visible_child_name (self->list_stack, "empty");
  else if (shown == 0)
    gtk_stack_set_visible_child_name (self->list_stack, "no-match");
  else
    gtk_stack_set_visible_child_name (self->list_stack, "list");

  if (shown == total)
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u stakeholder", "%u stakeholders", total), total);
  else
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u stakeholder", "%u of %u stakeholders", total),
                             shown, total);
  gtk_label_set_text (self->count_label, count);
}

static void
rebuild_category_filter (TissageStakeholderPage *self)
{
  GListModel *categories;
  guint selected = gtk_drop_down_get_selected (self->category_filter);
  gint64 selected_id = 0;
  guint n;

  if (selected != GTK_INVALID_LIST_POSITION && selected > 0 && selected <= self->category_ids->len)
    selected_id = g_array_index (self->category_ids, gint64, selected - 1);

  g_array_set_size (self->category_ids, 0);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->category_names));
  gtk_string_list_splice (self->category_names, 0, n, (const char * const[]) { _("All categories"), NULL });

  if (self->document == NULL)
    return;

  selected = 0;
  categories = tissage_document_get_categories (self->document);
  for (guint i = 0; i < g_list_model_get_n_items (categories); i++)
    {
      g_autoptr(TissageCategory) category = g_list_model_get_item (categories, i);
      gint64 id = tissage_record_get_id (TISSAGE_RECORD (category));

      gtk_string_list_append (self->category_names, tissage_category_get_name (category));
      g_array_append_val (self->category_ids, id);
      if (id == selected_id)
        selected = i + 1;
    }

  gtk_drop_down_set_selected (self->category_filter, selected);
}

/* Rows */

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
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *dot = gtk_drawing_area_new ();
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *detail = gtk_label_new (NULL);
  GtkWidget *member = gtk_image_new_from_icon_name ("starred-symbolic");

  gtk_widget_add_css_class (box, "stakeholder-row");
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (dot), 12);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (dot), 12);
  gtk_widget_set_valign (dot, GTK_ALIGN_CENTER);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (dot), draw_dot, NULL, NULL);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (name), 28);
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_label_set_ellipsize (GTK_LABEL (detail), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (detail), 28);
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_widget_add_css_class (detail, "caption");
  gtk_widget_set_hexpand (labels, TRUE);

  gtk_accessible_update_property (GTK_ACCESSIBLE (member),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Member structure of the collective"),
                                  -1);
  gtk_widget_add_css_class (member, "dim-label");

  gtk_box_append (GTK_BOX (labels), name);
  gtk_box_append (GTK_BOX (labels), detail);
  gtk_box_append (GTK_BOX (box), dot);
  gtk_box_append (GTK_BOX (box), labels);
  gtk_box_append (GTK_BOX (box), member);

  g_object_set_data (G_OBJECT (box), "dot", dot);
  g_object_set_data (G_OBJECT (box), "name", name);
  g_object_set_data (G_OBJECT (box), "detail", detail);
  g_object_set_data (G_OBJECT (box), "member", member);
  gtk_list_item_set_child (item, box);
}

static void
refresh_row (GtkListItem *item)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  TissageStakeholder *stakeholder = gtk_list_item_get_item (item);
  TissageStakeholderPage *self = g_object_get_data (G_OBJECT (item), "page");
  TissageCategory *category;
  GtkWidget *dot;
  g_autofree char *detail = NULL;
  const char *proximity;

  if (stakeholder == NULL || self == NULL)
    return;

  category = category_of (self, stakeholder);
  proximity = tissage_proximity_to_label (tissage_stakeholder_get_proximity (stakeholder));
  detail = category != NULL
    ? g_strdup_printf ("%s · %s", tissage_category_get_name (category), proximity)
    : g_strdup_printf ("%s · %s", _("No category"), proximity);

  gtk_label_set_text (g_object_get_data (G_OBJECT (box), "name"), tissage_stakeholder_get_name (stakeholder));
  gtk_label_set_text (g_object_get_data (G_OBJECT (box), "detail"), detail);
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (box), "member"),
                          tissage_stakeholder_get_is_member (stakeholder));

  dot = g_object_get_data (G_OBJECT (box), "dot");
  g_object_set_data_full (G_OBJECT (dot), "color",
                          g_strdup (category ? tissage_category_get_color (category) : NULL), g_free);
  gtk_widget_queue_draw (dot);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          TissageStakeholderPage   *self)
{
  TissageStakeholder *stakeholder = gtk_list_item_get_item (item);
  gulong id;

  g_object_set_data (G_OBJECT (item), "page", self);
  id = g_signal_connect_swapped (stakeholder, "notify", G_CALLBACK (refresh_row), item);
  g_object_set_data (G_OBJECT (item), "notify-id", GSIZE_TO_POINTER (id));
  refresh_row (item);
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            TissageStakeholderPage   *self)
{
  TissageStakeholder *stakeholder = gtk_list_item_get_item (item);
  gulong id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (item), "notify-id"));

  if (stakeholder != NULL && id != 0)
    g_signal_handler_disconnect (stakeholder, id);
  g_object_set_data (G_OBJECT (item), "notify-id", NULL);
}

/* Callbacks */

static void
on_search_changed (TissageStakeholderPage *self)
{
  g_free (self->search_text);
  self->search_text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
on_category_filter_changed (TissageStakeholderPage *self)
{
  if (self->filter != NULL)
    gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
on_selection_changed (TissageStakeholderPage *self)
{
  TissageStakeholder *stakeholder = tissage_stakeholder_page_get_selected (self);

  tissage_stakeholder_editor_set_stakeholder (self->editor, stakeholder);
  gtk_stack_set_visible_child_name (self->detail_stack, stakeholder ? "editor" : "none");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}

static void
on_items_changed (TissageStakeholderPage *self)
{
  update_empty_state (self);
}

static void
on_row_changed (TissageStakeholderPage *self,
                const char             *table,
                gint64                  id)
{
  if (g_str_equal (table, "categories"))
    {
      rebuild_category_filter (self);
      gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
    }
}

static void
on_delete_response (AdwMessageDialog       *dialog,
                    const char             *response,
                    TissageStakeholderPage *self)
{
  TissageStakeholder *stakeholder = g_object_get_data (G_OBJECT (dialog), "stakeholder");
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  if (!g_str_equal (response, "delete") || self->document == NULL)
    return;

  name = g_strdup (tissage_stakeholder_get_name (stakeholder));
  if (!tissage_document_delete (self->document, stakeholder, &error))
    {
      tissage_widget_report_error (GTK_WIDGET (self), error);
      return;
    }

  title = g_strdup_printf (_("“%s” deleted"), name);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo");
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  tissage_window_add_toast (TISSAGE_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), toast);
}

/* GObject */

static void
tissage_stakeholder_page_dispose (GObject *object)
{
  TissageStakeholderPage *self = TISSAGE_STAKEHOLDER_PAGE (object);

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);

  gtk_widget_dispose_template (GTK_WIDGET (self), TISSAGE_TYPE_STAKEHOLDER_PAGE);

  g_clear_object (&self->selection);
  g_clear_object (&self->filter);
  g_clear_object (&self->category_names);
  g_clear_pointer (&self->category_ids, g_array_unref);
  g_clear_pointer (&self->search_text, g_free);

  G_OBJECT_CLASS (tissage_stakeholder_page_parent_class)->dispose (object);
}

static void
tissage_stakeholder_page_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  TissageStakeholderPage *self = TISSAGE_STAKEHOLDER_PAGE (object);

  switch (prop_id)
    {
    case PROP_SELECTED:
      g_value_set_object (value, tissage_stakeholder_page_get_selected (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tissage_stakeholder_page_class_init (TissageStakeholderPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tissage_stakeholder_page_dispose;
  object_class->get_property = tissage_stakeholder_page_get_property;

  properties[PROP_SELECTED] =
    g_param_spec_object ("selected", NULL, NULL, TISSAGE_TYPE_STAKEHOLDER,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (TISSAGE_TYPE_STAKEHOLDER_EDITOR);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/tissage-stakeholder-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TissageStakeholderPage, flap);
  gtk_widget_class_bind_template_child (widget_class, TissageStakeholderPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, TissageStakeholderPage, category_filter);
  gtk_widget_class_bind_template_child (widget_class, TissageStakeholderPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, TissageStakeholderPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, TissageStakeholderPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, TissageStakeholderPage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, TissageStakeholderPage, editor);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_category_filter_changed);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "win.delete-stakeholder", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "win.delete-stakeholder", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "stakeholderpage");
}

static void
tissage_stakeholder_page_init (TissageStakeholderPage *self)
{
  GtkListItemFactory *factory;
  GtkExpression *expression;
  GtkStringSorter *sorter;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->category_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->category_names = gtk_string_list_new (NULL);
  gtk_drop_down_set_model (self->category_filter, G_LIST_MODEL (self->category_names));

  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filter_model = gtk_filter_list_model_new (NULL, GTK_FILTER (g_object_ref (self->filter)));

  expression = gtk_property_expression_new (TISSAGE_TYPE_STAKEHOLDER, NULL, "name");
  sorter = gtk_string_sorter_new (expression);
  gtk_string_sorter_set_ignore_case (sorter, TRUE);
  self->sort_model = gtk_sort_list_model_new (G_LIST_MODEL (self->filter_model), GTK_SORTER (sorter));

  self->selection = gtk_single_selection_new (G_LIST_MODEL (self->sort_model));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "notify::selected-item", G_CALLBACK (on_selection_changed), self);
  g_signal_connect_swapped (self->filter_model, "items-changed", G_CALLBACK (on_items_changed), self);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  rebuild_category_filter (self);
  update_empty_state (self);
}

void
tissage_stakeholder_page_set_document (TissageStakeholderPage *self,
                                       TissageDocument        *document)
{
  g_return_if_fail (TISSAGE_IS_STAKEHOLDER_PAGE (self));
  g_return_if_fail (!document || TISSAGE_IS_DOCUMENT (document));

  if (self->document == document)
    return;

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);

  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_set_object (&self->document, document);
  tissage_stakeholder_editor_set_document (self->editor, document);

  rebuild_category_filter (self);
  gtk_filter_list_model_set_model (self->filter_model,
                                   document ? tissage_document_get_stakeholders (document) : NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");

  if (document != NULL)
    g_signal_connect_object (document, "row-changed", G_CALLBACK (on_row_changed),
                             self, G_CONNECT_SWAPPED);

  update_empty_state (self);
}

TissageStakeholder *
tissage_stakeholder_page_get_selected (TissageStakeholderPage *self)
{
  g_return_val_if_fail (TISSAGE_IS_STAKEHOLDER_PAGE (self), NULL);

  return gtk_single_selection_get_selected_item (self->selection);
}

gboolean
tissage_stakeholder_page_select (TissageStakeholderPage *self,
                                 TissageStakeholder     *stakeholder)
{
  GListModel *model = G_LIST_MODEL (self->sort_model);

  g_return_val_if_fail (TISSAGE_IS_STAKEHOLDER_PAGE (self), FALSE);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(TissageStakeholder) item = g_list_model_get_item (model, i);

      if (item == stakeholder)
        {
          gtk_single_selection_set_selected (self->selection, i);
          gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", i);
          return TRUE;
        }
    }

  return FALSE;
}

void
tissage_stakeholder_page_add (TissageStakeholderPage *self)
{
  g_autoptr(TissageStakeholder) stakeholder = NULL;
  g_autoptr(GError) error = NULL;
  gint64 category_id = 0;
  guint selected;

  g_return_if_fail (TISSAGE_IS_STAKEHOLDER_PAGE (self));

  if (self->document == NULL)
    return;

  /* Adding while a category is shown puts the newcomer in it. */
  selected = gtk_drop_down_get_selected (self->category_filter);
  if (selected != GTK_INVALID_LIST_POSITION && selected > 0 && selected <= self->category_ids->len)
    category_id = g_array_index (self->category_ids, gint64, selected - 1);
  else if (self->category_ids->len > 0)
    category_id = g_array_index (self->category_ids, gint64, 0);

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  on_search_changed (self);

  stakeholder = tissage_document_insert (self->document, TISSAGE_TYPE_STAKEHOLDER, &error,
                                         "name", _("New stakeholder"),
                                         "category-id", category_id,
                                         NULL);
  if (stakeholder == NULL)
    {
      tissage_widget_report_error (GTK_WIDGET (self), error);
      return;
    }

  tissage_stakeholder_page_select (self, stakeholder);
  tissage_stakeholder_editor_focus_name (self->editor);
}

void
tissage_stakeholder_page_delete_selected (TissageStakeholderPage *self)
{
  TissageStakeholder *stakeholder;
  TissageDependents deps;
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;

  g_return_if_fail (TISSAGE_IS_STAKEHOLDER_PAGE (self));

  stakeholder = tissage_stakeholder_page_get_selected (self);
  if (stakeholder == NULL || self->document == NULL)
    return;

  tissage_document_count_dependents (self->document, stakeholder, &deps);

  heading = g_strdup_printf (_("Delete “%s”?"), tissage_stakeholder_get_name (stakeholder));
  if (deps.links > 0)
    {
      g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE,
                                                 "Its %u link with other stakeholders will be deleted too.",
                                                 "Its %u links with other stakeholders will be deleted too.",
                                                 deps.links), deps.links);
      g_string_append_c (body, ' ');
    }
  if (deps.effects > 0)
    {
      g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE,
                                                 "It will no longer be named in %u expected effect.",
                                                 "It will no longer be named in %u expected effects.",
                                                 deps.effects), deps.effects);
      g_string_append_c (body, ' ');
    }
  if (deps.interviews > 0)
    {
      g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE,
                                                 "Its %u interview is kept, without its name.",
                                                 "Its %u interviews are kept, without its name.",
                                                 deps.interviews), deps.interviews);
      g_string_append_c (body, ' ');
    }
  g_string_append (body, _("You can undo this with Ctrl+Z."));

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                       heading, body->str));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "stakeholder", g_object_ref (stakeholder), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
tissage_stakeholder_page_focus_search (TissageStakeholderPage *self)
{
  g_return_if_fail (TISSAGE_IS_STAKEHOLDER_PAGE (self));

  adw_flap_set_reveal_flap (self->flap, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

GtkWidget *
tissage_stakeholder_page_get_editor (TissageStakeholderPage *self)
{
  g_return_val_if_fail (TISSAGE_IS_STAKEHOLDER_PAGE (self), NULL);

  return GTK_WIDGET (self->editor);
}
