/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-referentiel"

#include "config.h"

#include <glib/gi18n.h>

#include "tissage-bank-dialog.h"
#include "tissage-widget-utils.h"

struct _TissageBankDialog
{
  AdwWindow           parent_instance;

  GtkSearchEntry     *search_entry;
  GtkDropDown        *theme_filter;
  GtkDropDown        *type_filter;
  GtkListView        *list_view;
  GtkButton          *add_button;
  GtkStack           *stack;
  AdwWindowTitle     *window_title;

  TissageDocument    *document;
  TissageEffect      *effect;
  GListStore         *entries;
  GtkFilterListModel *filtered;
  GtkCustomFilter    *filter;
  GHashTable         *checked;   /* TissageBankIndicator set */
  char               *search_text;
};

enum {
  ADDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (TissageBankDialog, tissage_bank_dialog, ADW_TYPE_WINDOW)

static const char * const themes[] = {
  "Coopération entre acteurs", "Emploi et retour à l'emploi", "Insertion et pouvoir d'agir",
  "Lien social", "Compétences", "Gouvernance et engagement", "Territoire",
};

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  TissageBankDialog *self = user_data;
  TissageBankIndicator *entry = item;
  guint theme = gtk_drop_down_get_selected (self->theme_filter);
  guint type = gtk_drop_down_get_selected (self->type_filter);
  g_autofree char *definition = NULL;
  int entry_type;

  g_object_get (entry, "type", &entry_type, "definition", &definition, NULL);

  if (theme > 0 && theme <= G_N_ELEMENTS (themes) &&
      !g_str_equal (themes[theme - 1], tissage_bank_indicator_get_theme (entry)))
    return FALSE;
  if (type > 0 && type != GTK_INVALID_LIST_POSITION && entry_type != (int) type - 1)
    return FALSE;

  if (self->search_text != NULL && *self->search_text != '\0')
    return tissage_search_matches (self->search_text, tissage_bank_indicator_get_title (entry)) ||
           tissage_search_matches (self->search_text, definition);

  return TRUE;
}

static void
update_add_button (TissageBankDialog *self)
{
  guint n = g_hash_table_size (self->checked);
  g_autofree char *label = NULL;

  if (n == 0)
    label = g_strdup (_("_Add"));
  else
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "_Add %u Indicator", "_Add %u Indicators", n), n);
  gtk_button_set_label (self->add_button, label);
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button), n > 0);
}

static void
refilter (TissageBankDialog *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  gtk_stack_set_visible_child_name (self->stack,
                                    g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) > 0 ? "list" : "empty");
}

static void
on_search_changed (TissageBankDialog *self)
{
  g_free (self->search_text);
  self->search_text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  refilter (self);
}

static void
on_check_toggled (GtkCheckButton    *check,
                  TissageBankDialog *self)
{
  TissageBankIndicator *entry = g_object_get_data (G_OBJECT (check), "entry");

  if (entry == NULL)
    return;

  if (gtk_check_button_get_active (check))
    g_hash_table_add (self->checked, g_object_ref (entry));
  else
    g_hash_table_remove (self->checked, entry);
  update_add_button (self);
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           TissageBankDialog        *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *meta = gtk_label_new (NULL);
  GtkWidget *definition = gtk_label_new (NULL);

  gtk_widget_set_valign (check, GTK_ALIGN_START);
  for (GtkWidget **l = (GtkWidget *[]) { title, meta, definition, NULL }; *l != NULL; l++)
    {
      gtk_label_set_xalign (GTK_LABEL (*l), 0);
      gtk_label_set_wrap (GTK_LABEL (*l), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (*l), PANGO_WRAP_WORD_CHAR);
    }
  gtk_widget_add_css_class (title, "heading");
  gtk_widget_add_css_class (meta, "caption");
  gtk_widget_add_css_class (meta, "accent");
  gtk_widget_add_css_class (definition, "dim-label");
  gtk_label_set_lines (GTK_LABEL (definition), 2);
  gtk_label_set_ellipsize (GTK_LABEL (definition), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);

  gtk_box_append (GTK_BOX (labels), title);
  gtk_box_append (GTK_BOX (labels), meta);
  gtk_box_append (GTK_BOX (labels), definition);
  gtk_box_append (GTK_BOX (box), check);
  gtk_box_append (GTK_BOX (box), labels);

  g_signal_connect (check, "toggled", G_CALLBACK (on_check_toggled), self);
  g_object_set_data (G_OBJECT (box), "check", check);
  g_object_set_data (G_OBJECT (box), "title", title);
  g_object_set_data (G_OBJECT (box), "meta", meta);
  g_object_set_data (G_OBJECT (box), "definition", definition);
  gtk_list_item_set_child (item, box);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          TissageBankDialog        *self)
{
  TissageBankIndicator *entry = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *check = g_object_get_data (G_OBJECT (box), "check");
  g_autofree char *definition = NULL;
  g_autofree char *unit = NULL;
  g_autofree char *meta = NULL;
  int type;

  g_object_get (entry, "definition", &definition, "unit", &unit, "type", &type, NULL);
  meta = *unit != '\0'
    ? g_strdup_printf ("%s · %s · %s", tissage_bank_indicator_get_theme (entry),
                       tissage_indicator_type_to_label (type), unit)
    : g_strdup_printf ("%s · %s", tissage_bank_indicator_get_theme (entry),
                       tissage_indicator_type_to_label (type));

  gtk_label_set_text (g_object_get_data (G_OBJECT (box), "title"), tissage_bank_indicator_get_title (entry));
  gtk_label_set_text (g_object_get_data (G_OBJECT (box), "meta"), meta);
  gtk_label_set_text (g_object_get_data (G_OBJECT (box), "definition"), definition);

  g_object_set_data (G_OBJECT (check), "entry", NULL);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), g_hash_table_contains (self->checked, entry));
  g_object_set_data (G_OBJECT (check), "entry", entry);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  tissage_bank_indicator_get_title (entry), -1);
}

static void
on_activate (GtkListView       *view,
             guint              position,
             TissageBankDialog *self)
{
  g_autoptr(TissageBankIndicator) entry = g_list_model_get_item (G_LIST_MODEL (self->filtered), position);

  tissage_bank_dialog_check (self, position, !g_hash_table_contains (self->checked, entry));
}

static void
on_add_clicked (TissageBankDialog *self)
{
  g_autoptr(GError) error = NULL;

  if (!tissage_bank_dialog_add_checked (self, &error))
    {
      tissage_widget_report_error (GTK_WIDGET (gtk_window_get_transient_for (GTK_WINDOW (self))), error);
      return;
    }
  gtk_window_close (GTK_WINDOW (self));
}

static void
tissage_bank_dialog_dispose (GObject *object)
{
  TissageBankDialog *self = TISSAGE_BANK_DIALOG (object);

  g_clear_object (&self->document);
  g_clear_object (&self->effect);
  g_clear_object (&self->filtered);
  g_clear_object (&self->entries);
  g_clear_pointer (&self->checked, g_hash_table_unref);
  g_clear_pointer (&self->search_text, g_free);

  gtk_widget_dispose_template (GTK_WIDGET (self), TISSAGE_TYPE_BANK_DIALOG);

  G_OBJECT_CLASS (tissage_bank_dialog_parent_class)->dispose (object);
}

static void
tissage_bank_dialog_class_init (TissageBankDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tissage_bank_dialog_dispose;

  /**
   * TissageBankDialog::added:
   * @first: the first indicator added
   */
  signals[ADDED] =
    g_signal_new ("added",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, TISSAGE_TYPE_RECORD);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/tissage-bank-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TissageBankDialog, search_entry);
  gtk_widget_class_bind_template_child (widget_class, TissageBankDialog, theme_filter);
  gtk_widget_class_bind_template_child (widget_class, TissageBankDialog, type_filter);
  gtk_widget_class_bind_template_child (widget_class, TissageBankDialog, list_view);
  gtk_widget_class_bind_template_child (widget_class, TissageBankDialog, add_button);
  gtk_widget_class_bind_template_child (widget_class, TissageBankDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, TissageBankDialog, window_title);
  gtk_widget_class_bind_template_callback (widget_class, on_add_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_activate);
}

/* @first, then @strings: the choices of a filter. */
static GListModel *
string_list (const char * const *strings,
             const char         *first)
{
  GtkStringList *list = gtk_string_list_new ((const char * const[]) { first, NULL });

  for (guint i = 0; strings[i] != NULL; i++)
    gtk_string_list_append (list, strings[i]);
  return G_LIST_MODEL (list);
}

static void
tissage_bank_dialog_init (TissageBankDialog *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkSelectionModel) selection = NULL;
  const char *theme_names[G_N_ELEMENTS (themes) + 1] = { NULL, };
  const char *type_names[] = { _("Output"), _("Outcome"), _("Impact"), NULL };
  g_autoptr(GListModel) theme_list = NULL;
  g_autoptr(GListModel) type_list = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->checked = g_hash_table_new_full (g_direct_hash, g_direct_equal, g_object_unref, NULL);
  self->entries = g_list_store_new (TISSAGE_TYPE_BANK_INDICATOR);

  for (guint i = 0; i < G_N_ELEMENTS (themes); i++)
    theme_names[i] = themes[i];
  theme_list = string_list (theme_names, _("All themes"));
  type_list = string_list (type_names, _("All types"));
  gtk_drop_down_set_model (self->theme_filter, theme_list);
  gtk_drop_down_set_model (self->type_filter, type_list);
  /* Once they have their choices: the filter is not there before. */
  g_signal_connect_swapped (self->theme_filter, "notify::selected", G_CALLBACK (refilter), self);
  g_signal_connect_swapped (self->type_filter, "notify::selected", G_CALLBACK (refilter), self);

  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->entries)),
                                              GTK_FILTER (g_object_ref (self->filter)));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  gtk_list_view_set_factory (self->list_view, factory);
  selection = GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->filtered))));
  gtk_list_view_set_model (self->list_view, selection);

  update_add_button (self);
}

GtkWidget *
tissage_bank_dialog_new (GtkWindow       *parent,
                         TissageDocument *document,
                         TissageEffect   *effect)
{
  TissageBankDialog *self;
  g_autoptr(GPtrArray) builtin = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *own;
  g_autofree char *subtitle = NULL;

  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (TISSAGE_IS_EFFECT (effect), NULL);

  self = g_object_new (TISSAGE_TYPE_BANK_DIALOG, "transient-for", parent, NULL);
  self->document = g_object_ref (document);
  self->effect = g_object_ref (effect);

  /* The collective's own indicators first, then the built-in bank. */
  own = tissage_document_get_records (document, TISSAGE_TYPE_BANK_INDICATOR);
  for (guint i = 0; i < g_list_model_get_n_items (own); i++)
    {
      g_autoptr(GObject) entry = g_list_model_get_item (own, i);
      g_list_store_append (self->entries, entry);
    }

  builtin = tissage_bank_load_builtin (&error);
  if (builtin == NULL)
    g_warning ("The built-in indicator bank could not be read: %s", error->message);
  else
    g_list_store_splice (self->entries, g_list_model_get_n_items (G_LIST_MODEL (self->entries)), 0,
                         builtin->pdata, builtin->len);

  subtitle = g_strdup_printf (_("For “%s”"), tissage_effect_get_title (effect));
  adw_window_title_set_subtitle (self->window_title, subtitle);
  refilter (self);

  return GTK_WIDGET (self);
}

guint
tissage_bank_dialog_get_n_shown (TissageBankDialog *self)
{
  g_return_val_if_fail (TISSAGE_IS_BANK_DIALOG (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
}

void
tissage_bank_dialog_set_search (TissageBankDialog *self,
                                const char        *text)
{
  g_return_if_fail (TISSAGE_IS_BANK_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  on_search_changed (self);
}

void
tissage_bank_dialog_check (TissageBankDialog *self,
                           guint              position,
                           gboolean           checked)
{
  g_autoptr(TissageBankIndicator) entry = NULL;

  g_return_if_fail (TISSAGE_IS_BANK_DIALOG (self));

  entry = g_list_model_get_item (G_LIST_MODEL (self->filtered), position);
  g_return_if_fail (entry != NULL);

  if (checked)
    g_hash_table_add (self->checked, g_object_ref (entry));
  else
    g_hash_table_remove (self->checked, entry);

  update_add_button (self);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

/* All the checked entries go under the effect as one step, in bank order. */
gboolean
tissage_bank_dialog_add_checked (TissageBankDialog  *self,
                                 GError            **error)
{
  g_autoptr(TissageIndicator) first = NULL;
  GListModel *entries = G_LIST_MODEL (self->entries);

  g_return_val_if_fail (TISSAGE_IS_BANK_DIALOG (self), FALSE);

  if (g_hash_table_size (self->checked) == 0)
    return TRUE;

  if (!tissage_document_begin (self->document, _("Add indicators from the bank"), error))
    return FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr(TissageBankIndicator) entry = g_list_model_get_item (entries, i);
      g_autoptr(TissageIndicator) indicator = NULL;

      if (!g_hash_table_contains (self->checked, entry))
        continue;

      indicator = tissage_document_add_from_bank (self->document, self->effect, entry, error);
      if (indicator == NULL)
        {
          tissage_document_rollback (self->document);
          return FALSE;
        }
      if (first == NULL)
        first = g_steal_pointer (&indicator);
    }

  if (!tissage_document_commit (self->document, error))
    return FALSE;

  g_signal_emit (self, signals[ADDED], 0, first);
  return TRUE;
}
