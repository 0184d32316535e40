/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-map"

#include "config.h"

#include <string.h>

#include "tissage-map-private.h"

G_DEFINE_FINAL_TYPE (TissageMapModel, tissage_map_model, G_TYPE_OBJECT)

/* Id map */

static inline guint
hash_id (gint64 key)
{
  guint64 z = (guint64) key + G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return (guint) (z ^ (z >> 31));
}

void
tissage_map_id_map_init (TissageMapIdMap *map)
{
  memset (map, 0, sizeof *map);
}

void
tissage_map_id_map_clear (TissageMapIdMap *map)
{
  g_clear_pointer (&map->keys, g_free);
  g_clear_pointer (&map->values, g_free);
  map->capacity = 0;
  map->n_items = 0;
}

static void
id_map_grow (TissageMapIdMap *map)
{
  g_autofree gint64 *old_keys = map->keys;
  g_autofree guint *old_values = map->values;
  guint old_capacity = map->capacity;

  map->capacity = MAX (16, old_capacity * 2);
  map->keys = g_new0 (gint64, map->capacity);
  map->values = g_new0 (guint, map->capacity);
  map->n_items = 0;

  for (guint i = 0; i < old_capacity; i++)
    if (old_values[i] != 0)
      tissage_map_id_map_insert (map, old_keys[i], old_values[i] - 1);
}

void
tissage_map_id_map_insert (TissageMapIdMap *map,
                           gint64           key,
                           guint            value)
{
  guint mask, slot;

  if ((map->n_items + 1) * 4 >= map->capacity * 3)
    id_map_grow (map);

  mask = map->capacity - 1;
  for (slot = hash_id (key) & mask; map->values[slot] != 0; slot = (slot + 1) & mask)
    if (map->keys[slot] == key)
      {
        map->values[slot] = value + 1;
        return;
      }

  map->keys[slot] = key;
  map->values[slot] = value + 1;
  map->n_items++;
}

gboolean
tissage_map_id_map_lookup (const TissageMapIdMap *map,
                           gint64                 key,
                           guint                 *value)
{
  guint mask;

  if (map->capacity == 0)
    return FALSE;

  mask = map->capacity - 1;
  for (guint slot = hash_id (key) & mask; map->values[slot] != 0; slot = (slot + 1) & mask)
    if (map->keys[slot] == key)
      {
        if (value != NULL)
          *value = map->values[slot] - 1;
        return TRUE;
      }

  return FALSE;
}

void
tissage_map_id_map_remove (TissageMapIdMap *map,
                           gint64           key)
{
  guint mask, slot, next;

  if (map->capacity == 0)
    return;

  mask = map->capacity - 1;
  for (slot = hash_id (key) & mask; map->values[slot] != 0; slot = (slot + 1) & mask)
    if (map->keys[slot] == key)
      break;
  if (map->values[slot] == 0)
    return;

  /* Backward shift deletion keeps probe chains unbroken */
  map->values[slot] = 0;
  map->n_items--;
  for (next = (slot + 1) & mask; map->values[next] != 0; next = (next + 1) & mask)
    {
      guint home = hash_id (map->keys[next]) & mask;

      if (((next - home) & mask) >= ((next - slot) & mask))
        {
          map->keys[slot] = map->keys[next];
          map->values[slot] = map->values[next];
          map->values[next] = 0;
          slot = next;
        }
    }
}

/* Helpers */

static void
clear_node (gpointer data)
{
  TissageMapNode *node = data;

  g_free ((char *) node->label);
}

static void
clear_edge (gpointer data)
{
  TissageMapEdge *edge = data;

  g_free ((char *) edge->kind);
}

static void
clear_category (gpointer data)
{
  TissageMapCategory *category = data;

  g_free ((char *) category->name);
  g_free ((char *) category->color);
}

static void
clear_structure (gpointer data)
{
  TissageMapStructure *structure = data;

  g_free ((char *) structure->name);
}

static void
touch (TissageMapModel *self,
       gboolean         structure)
{
  self->revision++;
  if (structure)
    self->structure_revision = self->revision;
}

static void
touch_node (TissageMapModel *self,
            guint            index)
{
  touch (self, FALSE);
  g_array_index (self->node_revisions, guint64, index) = self->revision;
}

static void
rebuild_map (TissageMapIdMap *map,
             GArray          *array,
             gsize            id_offset)
{
  guint elt = g_array_get_element_size (array);

  tissage_map_id_map_clear (map);
  for (guint i = 0; i < array->len; i++)
    {
      gint64 id;

      memcpy (&id, array->data + (gsize) i * elt + id_offset, sizeof id);
      tissage_map_id_map_insert (map, id, i);
    }
}

static void
recount_max_links (TissageMapModel *self)
{
  self->max_links = 0;
  for (guint i = 0; i < self->nodes->len; i++)
    self->max_links = MAX (self->max_links, tissage_map_model_node (self, i)->n_links);
}

static void
sanitize_node (TissageMapNode *node)
{
  node->influence = CLAMP (node->influence, 0, 100);
  node->interest = CLAMP (node->interest, 0, 100);
  if ((guint) node->proximity >= TISSAGE_MAP_N_PROXIMITIES)
    node->proximity = TISSAGE_MAP_PROXIMITY_EXTERNAL;
  if (node->structure_id < 0)
    node->structure_id = 0;
}

static gboolean
nodes_equal (const TissageMapNode *a,
             const TissageMapNode *b)
{
  return a->id == b->id &&
         a->label == b->label &&
         a->category_id == b->category_id &&
         a->structure_id == b->structure_id &&
         !a->is_member == !b->is_member &&
         a->influence == b->influence &&
         a->interest == b->interest &&
         a->proximity == b->proximity &&
         !a->has_position == !b->has_position &&
         (!a->has_position || (a->x == b->x && a->y == b->y)) &&
         a->effect_count == b->effect_count;
}

/* GObject */

static void
tissage_map_model_finalize (GObject *object)
{
  TissageMapModel *self = (TissageMapModel *) object;

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->categories, g_array_unref);
  g_clear_pointer (&self->category_colors, g_array_unref);
  g_clear_pointer (&self->structures, g_array_unref);
  g_clear_pointer (&self->nodes, g_array_unref);
  g_clear_pointer (&self->node_revisions, g_array_unref);
  g_clear_pointer (&self->edges, g_array_unref);
  g_clear_pointer (&self->edge_kinds, g_array_unref);
  tissage_map_id_map_clear (&self->category_map);
  tissage_map_id_map_clear (&self->structure_map);
  tissage_map_id_map_clear (&self->node_map);
  tissage_map_id_map_clear (&self->edge_map);

  G_OBJECT_CLASS (tissage_map_model_parent_class)->finalize (object);
}

static void
tissage_map_model_class_init (TissageMapModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tissage_map_model_finalize;
}

static void
tissage_map_model_init (TissageMapModel *self)
{
  self->categories = g_array_new (FALSE, TRUE, sizeof (TissageMapCategory));
  g_array_set_clear_func (self->categories, clear_category);
  self->category_colors = g_array_new (FALSE, TRUE, sizeof (TissageMapColor));
  self->structures = g_array_new (FALSE, TRUE, sizeof (TissageMapStructure));
  g_array_set_clear_func (self->structures, clear_structure);
  self->nodes = g_array_new (FALSE, TRUE, sizeof (TissageMapNode));
  g_array_set_clear_func (self->nodes, clear_node);
  self->node_revisions = g_array_new (FALSE, TRUE, sizeof (guint64));
  self->edges = g_array_new (FALSE, TRUE, sizeof (TissageMapEdge));
  g_array_set_clear_func (self->edges, clear_edge);
  self->edge_kinds = g_array_new (FALSE, TRUE, sizeof (guint8));
  tissage_map_id_map_init (&self->category_map);
  tissage_map_id_map_init (&self->structure_map);
  tissage_map_id_map_init (&self->node_map);
  tissage_map_id_map_init (&self->edge_map);
  self->revision = 1;
  self->structure_revision = 1;
}

/* Public API */

/**
 * tissage_map_model_new:
 *
 * The map's own copy of the stakeholders, their links, categories and
 * structures: plain data the layouts and the renderer read without touching
 * the document. Keep it in step with the document through the add, update,
 * remove and set_node_* calls; each change is cheap and only what it touches
 * is laid out and drawn again.
 */
TissageMapModel *
tissage_map_model_new (void)
{
  return g_object_new (TISSAGE_TYPE_MAP_MODEL, NULL);
}

void
tissage_map_model_clear (TissageMapModel *self)
{
  g_return_if_fail (TISSAGE_IS_MAP_MODEL (self));

  g_array_set_size (self->categories, 0);
  g_array_set_size (self->category_colors, 0);
  g_array_set_size (self->structures, 0);
  g_array_set_size (self->nodes, 0);
  g_array_set_size (self->node_revisions, 0);
  g_array_set_size (self->edges, 0);
  g_array_set_size (self->edge_kinds, 0);
  tissage_map_id_map_clear (&self->category_map);
  tissage_map_id_map_clear (&self->structure_map);
  tissage_map_id_map_clear (&self->node_map);
  tissage_map_id_map_clear (&self->edge_map);
  self->max_links = 0;
  touch (self, TRUE);
}

/* Grows with every change: a view compares it with what it drew last. */
guint64
tissage_map_model_get_revision (TissageMapModel *self)
{
  g_return_val_if_fail (TISSAGE_IS_MAP_MODEL (self), 0);

  return self->revision;
}

/* The collective's name, written at the centre of the rings. */
void
tissage_map_model_set_title (TissageMapModel *self,
                             const char      *title)
{
  g_return_if_fail (TISSAGE_IS_MAP_MODEL (self));

  if (g_strcmp0 (self->title, title) == 0)
    return;

  g_free (self->title);
  self->title = g_strdup (title);
  touch (self, TRUE);
}

const char *
tissage_map_model_get_title (TissageMapModel *self)
{
  g_return_val_if_fail (TISSAGE_IS_MAP_MODEL (self), NULL);

  return self->title;
}

int
tissage_map_model_find_category (TissageMapModel *self,
                                 gint64           id)
{
  guint index;

  if (tissage_map_id_map_lookup (&self->category_map, id, &index))
    return (int) index;
  return -1;
}

/* Adds the category, or updates its name and colour ("#rrggbb"). */
void
tissage_map_model_set_category (TissageMapModel *self,
                                gint64           id,
                                const char      *name,
                                const char      *color)
{
  TissageMapCategory *category;
  TissageMapColor rgb;
  int index;

  g_return_if_fail (TISSAGE_IS_MAP_MODEL (self));

  index = tissage_map_model_find_category (self, id);
  if (index < 0)
    {
      TissageMapCategory empty = { id, NULL, NULL };

      g_array_append_val (self->categories, empty);
      g_array_set_size (self->category_colors, self->categories->len);
      index = (int) self->categories->len - 1;
      tissage_map_id_map_insert (&self->category_map, id, (guint) index);
    }
  else
    {
      category = &g_array_index (self->categories, TissageMapCategory, index);
      if (g_strcmp0 (category->name, name) == 0 && g_strcmp0 (category->color, color) == 0)
        return;
    }

  category = &g_array_index (self->categories, TissageMapCategory, index);
  g_free ((char *) category->name);
  g_free ((char *) category->color);
  category->name = g_strdup (name != NULL ? name : "");
  category->color = g_strdup (color);

  tissage_map_color_parse (color, &rgb);
  g_array_index (self->category_colors, TissageMapColor, index) = rgb;

  touch (self, TRUE);
}

/* The stakeholders of a removed category are drawn in a grey "Other" sector. */
gboolean
tissage_map_model_remove_category (TissageMapModel *self,
                                   gint64           id)
{
  int index;

  g_return_val_if_fail (TISSAGE_IS_MAP_MODEL (self), FALSE);

  index = tissage_map_model_find_category (self, id);
  if (index < 0)
    return FALSE;

  g_array_remove_index (self->categories, (guint) index);
  g_array_remove_index (self->category_colors, (guint) index);
  rebuild_map (&self->category_map, self->categories, G_STRUCT_OFFSET (TissageMapCategory, id));
  touch (self, TRUE);
  return TRUE;
}

guint
tissage_map_model_get_n_categories (TissageMapModel *self)
{
  g_return_val_if_fail (TISSAGE_IS_MAP_MODEL (self), 0);

  return self->categories->len;
}

const TissageMapCategory *
tissage_map_model_get_category (TissageMapModel *self,
                                guint            index)
{
  g_return_val_if_fail (TISSAGE_IS_MAP_MODEL (self), NULL);
  g_return_val_if_fail (index < self->categories->len, NULL);

  return &g_array_index (self->categories, TissageMapCategory, index);
}

const TissageMapCategory *
tissage_map_model_lookup_category (TissageMapModel *self,
                                   gint64           id)
{
  int index;

  g_return_val_if_fail (TISSAGE_IS_MAP_MODEL (self), NULL);

  index = tissage_map_model_find_category (self, id);
  return index >= 0 ? &g_array_index (self->categories, TissageMapCategory, index) : NULL;
}

void
tissage_map_model_set_structure (TissageMapModel *self,
                                 gint64           id,
                                 const char      *name)
{
  TissageMapStructure *structure;
  guint index;

  g_return_if_fail (TISSAGE_IS_MAP_MODEL (self));

  if (!tissage_map_id_map_lookup (&self->structure_map, id, &index))
    {
      TissageMapStructure empty = { id, NULL };

      g_array_append_val (self->structures, empty);
      index = self->structures->len - 1;
      tissage_map_id_map_insert (&self->structure_map, id, index);
    }

  structure = &g_array_index (self->structures, TissageMapStructure, index);
  if (structure->name != NULL && g_strcmp0 (structure->name, name) == 0)
    return;
  g_free ((char *) structure->name);
  structure->name = g_strdup (name != NULL ? name : "");
  touch (self, TRUE);
}

guint
tissage_map_model_get_n_structures (TissageMapModel *self)
{
  g_return_val_if_fail (TISSAGE_IS_MAP_MODEL (self), 0);

  return self->structures->len;
}

const TissageMapStructure *
tissage_map_model_get_structure (TissageMapModel *self,
                                 guint            index)
{
  g_return_val_if_fail (TISSAGE_IS_MAP_MODEL (self), NULL);
  g_return_val_if_fail (index < self->structures->len, NULL);

  return &g_array_index (self->structures, TissageMapStructure, index);
}

int
tissage_map_model_find_node (TissageMapModel *self,
                             gint64           id)
{
  guint index;

  g_return_val_if_fail (TISSAGE_IS_MAP_MODEL (self), -1);

  if (tissage_map_id_map_lookup (&self->node_map, id, &index))
    return (int) index;
  return -1;
}

/* Returns %FALSE if a node with the same id is already there. */
gboolean
tissage_map_model_add_node (TissageMapModel      *self,
                            const TissageMapNode *node)
{
  TissageMapNode copy;
  guint64 rev;

  g_return_val_if_fail (TISSAGE_IS_MAP_MODEL (self), FALSE);
  g_return_val_if_fail (node != NULL, FALSE);

  if (tissage_map_model_find_node (self, node->id) >= 0)
    return FALSE;

  copy = *node;
  copy.label = g_strdup (node->label != NULL ? node->label : "");
  copy.n_links = 0;
  sanitize_node (&copy);

  g_array_append_val (self->nodes, copy);
  touch (self, TRUE);
  rev = self->revision;
  g_array_append_val (self->node_revisions, rev);
  tissage_map_id_map_insert (&self->node_map, node->id, self->nodes->len - 1);

  return TRUE;
}

/* Replaces every field of the node with the same id (n_links excepted). */
gboolean
tissage_map_model_update_node (TissageMapModel      *self,
                               const TissageMapNode *node)
{
  TissageMapNode *old, copy;
  int index;

  g_return_val_if_fail (TISSAGE_IS_MAP_MODEL (self), FALSE);
  g_return_val_if_fail (node != NULL, FALSE);

  index = tissage_map_model_find_node (self, node->id);
  if (index < 0)
    return FALSE;

  old = tissage_map_model_node (self, (guint) index);
  copy = *node;
  copy.n_links = old->n_links;
  sanitize_node (&copy);

  if (g_strcmp0 (old->label, node->label) == 0)
    copy.label = old->label;
  else
    {
      copy.label = g_strdup (node->label != NULL ? node->label : "");
      g_free ((char *) old->label);
    }

  if (nodes_equal (old, &copy))
    return TRUE;

  *old = copy;
  touch_node (self, (guint) index);
  return TRUE;
}

/* Also removes the node's links. */
gboolean
tissage_map_model_remove_node (TissageMapModel *self,
                               gint64           id)
{
  int index;
  guint kept = 0;

  g_return_val_if_fail (TISSAGE_IS_MAP_MODEL (self), FALSE);

  index = tissage_map_model_find_node (self, id);
  if (index < 0)
    return FALSE;

  for (guint e = 0; e < self->edges->len; e++)
    {
      TissageMapEdge *edge = tissage_map_model_edge (self, e);

      if (edge->source_id == id || edge->target_id == id)
        {
          int other = tissage_map_model_find_node (self, edge->source_id == id ? edge->target_id : edge->source_id);

          if (other >= 0)
            tissage_map_model_node (self, (guint) other)->n_links--;
          g_free ((char *) edge->kind);
          continue;
        }
      if (kept != e)
        {
          g_array_index (self->edges, TissageMapEdge, kept) = *edge;
          g_array_index (self->edge_kinds, guint8, kept) = g_array_index (self->edge_kinds, guint8, e);
        }
      kept++;
    }
  /* The kinds moved or freed above must not be freed again */
  g_array_set_clear_func (self->edges, NULL);
  g_array_set_size (self->edges, kept);
  g_array_set_clear_func (self->edges, clear_edge);
  g_array_set_size (self->edge_kinds, kept);
  rebuild_map (&self->edge_map, self->edges, G_STRUCT_OFFSET (TissageMapEdge, id));

  g_array_remove_index (self->nodes, (guint) index);
  g_array_remove_index (self->node_revisions, (guint) index);
  rebuild_map (&self->node_map, self->nodes, G_STRUCT_OFFSET (TissageMapNode, id));
  recount_max_links (self);
  touch (self, TRUE);
  return TRUE;
}

guint
tissage_map_model_get_n_nodes (TissageMapModel *self)
{
  g_return_val_if_fail (TISSAGE_IS_MAP_MODEL (self), 0);

  return self->nodes->len;
}

const TissageMapNode *
tissage_map_model_get_node (TissageMapModel *self,
                            guint            index)
{
  g_return_val_if_fail (TISSAGE_IS_MAP_MODEL (self), NULL);
  g_return_val_if_fail (index < self->nodes->len, NULL);

  return tissage_map_model_node (self, index);
}

const TissageMapNode *
tissage_map_model_lookup_node (TissageMapModel *self,
                               gint64           id)
{
  int index = tissage_map_model_find_node (self, id);

  return index >= 0 ? tissage_map_model_node (self, (guint) index) : NULL;
}

/* The free layout's stored position (world units). */
gboolean
tissage_map_model_set_node_position (TissageMapModel *self,
                                     gint64           id,
                                     double           x,
                                     double           y)
{
  TissageMapNode *node;
  int index;

  g_return_val_if_fail (TISSAGE_IS_MAP_MODEL (self), FALSE);

  index = tissage_map_model_find_node (self, id);
  if (index < 0)
    return FALSE;

  node = tissage_map_model_node (self, (guint) index);
  if (node->has_position && node->x == x && node->y == y)
    return TRUE;

  node->has_position = TRUE;
  node->x = x;
  node->y = y;
  touch_node (self, (guint) index);
  return TRUE;
}

gboolean
tissage_map_model_unset_node_position (TissageMapModel *self,
                                       gint64           id)
{
  TissageMapNode *node;
  int index;

  g_return_val_if_fail (TISSAGE_IS_MAP_MODEL (self), FALSE);

  index = tissage_map_model_find_node (self, id);
  if (index < 0)
    return FALSE;

  node = tissage_map_model_node (self, (guint) index);
  if (!node->has_position)
    return TRUE;

  node->has_position = FALSE;
  touch_node (self, (guint) index);
  return TRUE;
}

gboolean
tissage_map_model_set_node_proximity (TissageMapModel     *self,
                                      gint64               id,
                                      TissageMapProximity  proximity)
{
  TissageMapNode *node;
  int index;

  g_return_val_if_fail (TISSAGE_IS_MAP_MODEL (self), FALSE);
  g_return_val_if_fail ((guint) proximity < TISSAGE_MAP_N_PROXIMITIES, FALSE);

  index = tissage_map_model_find_node (self, id);
  if (index < 0)
    return FALSE;

  node = tissage_map_model_node (self, (guint) index);
  if (node->proximity == proximity)
    return TRUE;

  node->proximity = proximity;
  touch_node (self, (guint) index);
  return TRUE;
}

gboolean
tissage_map_model_set_node_influence_interest (TissageMapModel *self,
                                               gint64           id,
                                               int              influence,
                                               int              interest)
{
  TissageMapNode *node;
  int index;

  g_return_val_if_fail (TISSAGE_IS_MAP_MODEL (self), FALSE);

  index = tissage_map_model_find_node (self, id);
  if (index < 0)
    return FALSE;

  node = tissage_map_model_node (self, (guint) index);
  influence = CLAMP (influence, 0, 100);
  interest = CLAMP (interest, 0, 100);
  if (node->influence == influence && node->interest == interest)
    return TRUE;

  node->influence = influence;
  node->interest = interest;
  touch_node (self, (guint) index);
  return TRUE;
}

gboolean
tissage_map_model_set_node_label (TissageMapModel *self,
                                  gint64           id,
                                  const char      *label)
{
  TissageMapNode *node;
  int index;

  g_return_val_if_fail (TISSAGE_IS_MAP_MODEL (self), FALSE);

  index = tissage_map_model_find_node (self, id);
  if (index < 0)
    return FALSE;

  node = tissage_map_model_node (self, (guint) index);
  if (g_strcmp0 (node->label, label) == 0)
    return TRUE;

  g_free ((char *) node->label);
  node->label = g_strdup (label != NULL ? label : "");
  touch_node (self, (guint) index);
  return TRUE;
}

gboolean
tissage_map_model_set_node_effect_count (TissageMapModel *self,
                                         gint64           id,
                                         guint            effect_count)
{
  TissageMapNode *node;
  int index;

  g_return_val_if_fail (TISSAGE_IS_MAP_MODEL (self), FALSE);

  index = tissage_map_model_find_node (self, id);
  if (index < 0)
    return FALSE;

  node = tissage_map_model_node (self, (guint) index);
  if (node->effect_count == effect_count)
    return TRUE;

  node->effect_count = effect_count;
  touch_node (self, (guint) index);
  return TRUE;
}

int
tissage_map_model_find_edge (TissageMapModel *self,
                             gint64           id)
{
  guint index;

  if (tissage_map_id_map_lookup (&self->edge_map, id, &index))
    return (int) index;
  return -1;
}

/*
 * Returns %FALSE, adding nothing, if the id is taken, an end is unknown or
 * both ends are the same stakeholder.
 */
gboolean
tissage_map_model_add_edge (TissageMapModel      *self,
                            const TissageMapEdge *edge)
{
  TissageMapEdge copy;
  TissageMapNode *a, *b;
  int ia, ib;
  guint8 kind;

  g_return_val_if_fail (TISSAGE_IS_MAP_MODEL (self), FALSE);
  g_return_val_if_fail (edge != NULL, FALSE);

  if (tissage_map_model_find_edge (self, edge->id) >= 0)
    return FALSE;
  ia = tissage_map_model_find_node (self, edge->source_id);
  ib = tissage_map_model_find_node (self, edge->target_id);
  if (ia < 0 || ib < 0 || ia == ib)
    return FALSE;

  copy = *edge;
  copy.kind = g_strdup (edge->kind != NULL ? edge->kind : "");
  copy.strength = CLAMP (edge->strength, 1, 3);
  kind = (guint8) tissage_map_link_kind_from_string (copy.kind);

  g_array_append_val (self->edges, copy);
  g_array_append_val (self->edge_kinds, kind);
  tissage_map_id_map_insert (&self->edge_map, edge->id, self->edges->len - 1);

  a = tissage_map_model_node (self, (guint) ia);
  b = tissage_map_model_node (self, (guint) ib);
  a->n_links++;
  b->n_links++;
  self->max_links = MAX (self->max_links, MAX (a->n_links, b->n_links));

  touch (self, TRUE);
  return TRUE;
}

/* Changes the kind and strength of a link (its ends cannot change). */
gboolean
tissage_map_model_update_edge (TissageMapModel      *self,
                               const TissageMapEdge *edge)
{
  TissageMapEdge *old;
  int index;
  int strength;

  g_return_val_if_fail (TISSAGE_IS_MAP_MODEL (self), FALSE);
  g_return_val_if_fail (edge != NULL, FALSE);

  index = tissage_map_model_find_edge (self, edge->id);
  if (index < 0)
    return FALSE;

  old = tissage_map_model_edge (self, (guint) index);
  if (old->source_id != edge->source_id || old->target_id != edge->target_id)
    {
      if (!tissage_map_model_remove_edge (self, edge->id))
        return FALSE;
      return tissage_map_model_add_edge (self, edge);
    }

  strength = CLAMP (edge->strength, 1, 3);
  if (old->strength == strength && g_strcmp0 (old->kind, edge->kind) == 0)
    return TRUE;

  old->strength = strength;
  if (g_strcmp0 (old->kind, edge->kind) != 0)
    {
      g_free ((char *) old->kind);
      old->kind = g_strdup (edge->kind != NULL ? edge->kind : "");
      g_array_index (self->edge_kinds, guint8, index) = (guint8) tissage_map_link_kind_from_string (old->kind);
    }

  touch (self, TRUE);
  return TRUE;
}

gboolean
tissage_map_model_remove_edge (TissageMapModel *self,
                               gint64           id)
{
  TissageMapEdge *edge;
  int index, ia, ib;

  g_return_val_if_fail (TISSAGE_IS_MAP_MODEL (self), FALSE);

  index = tissage_map_model_find_edge (self, id);
  if (index < 0)
    return FALSE;

  edge = tissage_map_model_edge (self, (guint) index);
  ia = tissage_map_model_find_node (self, edge->source_id);
  ib = tissage_map_model_find_node (self, edge->target_id);
  if (ia >= 0)
    tissage_map_model_node (self, (guint) ia)->n_links--;
  if (ib >= 0)
    tissage_map_model_node (self, (guint) ib)->n_links--;

  g_array_remove_index (self->edges, (guint) index);
  g_array_remove_index (self->edge_kinds, (guint) index);
  rebuild_map (&self->edge_map, self->edges, G_STRUCT_OFFSET (TissageMapEdge, id));
  recount_max_links (self);
  touch (self, TRUE);
  return TRUE;
}

guint
tissage_map_model_get_n_edges (TissageMapModel *self)
{
  g_return_val_if_fail (TISSAGE_IS_MAP_MODEL (self), 0);

  return self->edges->len;
}

const TissageMapEdge *
tissage_map_model_get_edge (TissageMapModel *self,
                            guint            index)
{
  g_return_val_if_fail (TISSAGE_IS_MAP_MODEL (self), NULL);
  g_return_val_if_fail (index < self->edges->len, NULL);

  return tissage_map_model_edge (self, index);
}

const TissageMapEdge *
tissage_map_model_lookup_edge (TissageMapModel *self,
                               gint64           id)
{
  int index;

  g_return_val_if_fail (TISSAGE_IS_MAP_MODEL (self), NULL);

  index = tissage_map_model_find_edge (self, id);
  return index >= 0 ? tissage_map_model_edge (self, (guint) index) : NULL;
}
