/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#include "config.h"

#include "map-synthetic.h"

/* GNOME palette */
static const char * const colors[] = {
  "#3584e4", "#2ec27e", "#9141ac", "#ff7800", "#2190a4",
  "#e01b24", "#e5a50a", "#986a44", "#c061cb", "#5e5c64",
  "#1a5fb4", "#26a269",
};

static const char * const category_names[] = {
  "Structures membres", "Financeurs et mécènes", "Collectivités", "Entreprises",
  "Structures de l’ESS", "Bénéficiaires", "Bénévoles et habitants", "Recherche et universités",
  "Acteurs de l’emploi", "Santé et social", "Éducation", "Culture et sport",
};

typedef struct
{
  const char *name;
  guint       category;
  guint       proximity;
  int         influence;
  int         interest;
  gboolean    member;
  guint       effects;
} ExampleNode;

static const ExampleNode example_nodes[] = {
  /* Structures membres */
  { "Mission locale Roubaix-Lys", 0, 0, 78, 92, TRUE, 4 },
  { "PLIE Lille Métropole", 0, 0, 72, 88, TRUE, 3 },
  { "Centre social Lazare-Garreau", 0, 0, 55, 95, TRUE, 5 },
  { "Régie de quartier Fives", 0, 0, 48, 90, TRUE, 2 },
  { "Association Émergences", 0, 1, 40, 85, TRUE, 3 },
  { "Chantier d’insertion Les Jardins de Cocagne", 0, 1, 42, 80, TRUE, 2 },
  { "Maison de l’emploi", 0, 0, 66, 84, TRUE, 1 },
  { "Café associatif Le Cœur à l’ouvrage", 0, 1, 30, 76, TRUE, 0 },
  /* Financeurs et mécènes */
  { "Fondation de France", 1, 2, 82, 45, FALSE, 0 },
  { "France Travail", 1, 1, 90, 70, FALSE, 2 },
  { "Fonds social européen", 1, 3, 85, 22, FALSE, 0 },
  { "Banque des Territoires", 1, 2, 76, 35, FALSE, 0 },
  { "Fondation Crédit Coopératif", 1, 2, 52, 48, FALSE, 0 },
  { "Caisse d’allocations familiales", 1, 1, 70, 58, FALSE, 1 },
  /* Collectivités */
  { "Ville de Roubaix", 2, 1, 88, 75, FALSE, 2 },
  { "Métropole européenne de Lille", 2, 2, 92, 52, FALSE, 1 },
  { "Région Hauts-de-France", 2, 3, 86, 30, FALSE, 0 },
  { "Conseil départemental du Nord", 2, 2, 84, 62, FALSE, 1 },
  { "Préfecture — politique de la ville", 2, 2, 80, 55, FALSE, 0 },
  { "Mairie de quartier Fives", 2, 1, 50, 70, FALSE, 0 },
  /* Entreprises */
  { "Décathlon Campus", 3, 2, 45, 40, FALSE, 0 },
  { "Leroy Merlin Hem", 3, 3, 38, 25, FALSE, 0 },
  { "Boulangerie Lefèvre", 3, 2, 12, 55, FALSE, 1 },
  { "Transports Ilévia", 3, 3, 60, 20, FALSE, 0 },
  { "Clinique du Parc", 3, 3, 35, 18, FALSE, 0 },
  { "Groupement d’employeurs Gé’Nord", 3, 1, 44, 72, FALSE, 2 },
  /* Structures de l'ESS */
  { "Coopérative Baraka", 4, 1, 28, 68, FALSE, 1 },
  { "Épicerie solidaire L’Îlot", 4, 1, 22, 82, FALSE, 2 },
  { "Ressourcerie Les Ateliers", 4, 2, 20, 60, FALSE, 0 },
  { "Entreprise d’insertion Vertéco", 4, 1, 35, 74, FALSE, 1 },
  { "Chambre régionale de l’ESS", 4, 3, 58, 38, FALSE, 0 },
  /* Bénéficiaires */
  { "Jeunes sans emploi ni formation", 5, 0, 15, 96, FALSE, 6 },
  { "Demandeurs d’emploi de longue durée", 5, 0, 12, 94, FALSE, 5 },
  { "Familles monoparentales", 5, 1, 10, 88, FALSE, 3 },
  { "Seniors isolés", 5, 2, 8, 70, FALSE, 2 },
  { "Allocataires du RSA", 5, 1, 14, 90, FALSE, 4 },
  { "Personnes réfugiées", 5, 2, 6, 78, FALSE, 1 },
  /* Bénévoles et habitants */
  { "Conseil citoyen de Fives", 6, 1, 32, 86, FALSE, 1 },
  { "Bénévoles du café solidaire", 6, 1, 18, 80, FALSE, 1 },
  { "Parrains et marraines emploi", 6, 2, 24, 66, FALSE, 2 },
  { "Habitants des Trois-Ponts", 6, 2, 16, 62, FALSE, 0 },
  { "Amicale des locataires", 6, 3, 14, 40, FALSE, 0 },
  /* Recherche et universités */
  { "Université de Lille — Clersé", 7, 2, 40, 64, FALSE, 0 },
  { "IAE Lille", 7, 3, 34, 36, FALSE, 0 },
  { "Chaire ESS Sciences Po Lille", 7, 2, 30, 58, FALSE, 0 },
  { "Cabinet d’évaluation Pluricité", 7, 3, 26, 44, FALSE, 0 },
  /* Again, to make a realistic crowd */
  { "Centre communal d’action sociale", 2, 1, 62, 80, FALSE, 2 },
  { "Pôle emploi cadres", 1, 3, 40, 20, FALSE, 0 },
  { "Atelier vélo La Roue libre", 4, 2, 18, 52, FALSE, 0 },
  { "Lycée professionnel Turgot", 7, 2, 36, 57, FALSE, 1 },
  { "Œuvre de la maison des jeunes", 6, 1, 20, 74, FALSE, 1 },
  { "Bailleur social Vilogia", 3, 2, 66, 46, FALSE, 0 },
};

typedef struct
{
  guint       a;
  guint       b;
  const char *kind;
  int         strength;
} ExampleEdge;

static const ExampleEdge example_edges[] = {
  { 0, 1, "coopération", 3 }, { 0, 2, "coopération", 2 }, { 0, 6, "coopération", 3 },
  { 1, 6, "partenariat institutionnel", 2 }, { 2, 3, "coopération", 3 }, { 2, 4, "coopération", 2 },
  { 3, 5, "coopération", 2 }, { 4, 7, "coopération", 1 }, { 5, 29, "orientation de publics", 2 },
  { 8, 2, "financement", 2 }, { 8, 4, "financement", 1 }, { 9, 0, "financement", 3 },
  { 9, 1, "financement", 3 }, { 9, 6, "partenariat institutionnel", 2 }, { 10, 1, "financement", 3 },
  { 11, 3, "financement", 2 }, { 12, 27, "financement", 1 }, { 13, 2, "financement", 2 },
  { 14, 0, "financement", 2 }, { 14, 2, "financement", 3 }, { 14, 3, "partenariat institutionnel", 2 },
  { 15, 1, "financement", 3 }, { 15, 6, "financement", 2 }, { 16, 5, "financement", 2 },
  { 17, 35, "accompagnement", 2 }, { 17, 0, "financement", 2 }, { 18, 2, "financement", 2 },
  { 19, 3, "partenariat institutionnel", 1 }, { 20, 0, "coopération", 1 }, { 21, 5, "Mécénat de compétences", 1 },
  { 22, 7, "coopération", 1 }, { 25, 6, "coopération", 2 }, { 25, 29, "coopération", 2 },
  { 26, 27, "coopération", 2 }, { 27, 33, "accompagnement", 2 }, { 28, 5, "coopération", 1 },
  { 29, 32, "accompagnement", 3 }, { 30, 26, "partenariat institutionnel", 1 },
  { 0, 31, "accompagnement", 3 }, { 1, 32, "accompagnement", 3 }, { 2, 33, "accompagnement", 2 },
  { 2, 34, "accompagnement", 2 }, { 6, 35, "accompagnement", 3 }, { 4, 36, "accompagnement", 2 },
  { 0, 35, "orientation de publics", 2 }, { 1, 31, "orientation de publics", 1 }, { 9, 32, "orientation de publics", 3 },
  { 46, 33, "accompagnement", 2 }, { 46, 34, "orientation de publics", 2 }, { 46, 2, "coopération", 2 },
  { 37, 2, "coopération", 2 }, { 38, 7, "coopération", 3 }, { 39, 31, "accompagnement", 2 },
  { 39, 0, "coopération", 1 }, { 40, 3, "coopération", 1 }, { 41, 40, "coopération", 1 },
  { 42, 0, "coopération", 1 }, { 44, 42, "partenariat institutionnel", 1 }, { 45, 1, "Évaluation", 2 },
  { 45, 6, "Évaluation", 1 }, { 49, 31, "orientation de publics", 2 }, { 49, 0, "coopération", 1 },
  { 50, 31, "accompagnement", 1 }, { 50, 2, "coopération", 1 }, { 51, 3, "partenariat institutionnel", 2 },
  { 51, 40, "coopération", 1 }, { 48, 5, "coopération", 1 }, { 48, 27, "coopération", 1 },
  { 47, 9, "coopération", 1 }, { 24, 25, "coopération", 1 }, { 23, 0, "partenariat institutionnel", 1 },
  { 43, 42, "coopération", 1 }, { 43, 1, "coopération", 1 }, { 15, 14, "partenariat institutionnel", 3 },
  { 16, 15, "partenariat institutionnel", 2 }, { 17, 14, "partenariat institutionnel", 2 },
};

const char *
map_synthetic_category_color (guint index)
{
  return colors[index % G_N_ELEMENTS (colors)];
}

TissageMapModel *
map_synthetic_example (void)
{
  TissageMapModel *model = tissage_map_model_new ();

  tissage_map_model_set_title (model, "Collectif Emploi Roubaix-Fives");
  for (guint c = 0; c < 8; c++)
    tissage_map_model_set_category (model, 10 + c, category_names[c], colors[c]);
  tissage_map_model_set_structure (model, 1, "Mission locale Roubaix-Lys");
  tissage_map_model_set_structure (model, 2, "Centre social Lazare-Garreau");

  for (guint i = 0; i < G_N_ELEMENTS (example_nodes); i++)
    {
      const ExampleNode *e = &example_nodes[i];
      TissageMapNode node = { 0 };

      node.id = 100 + i;
      node.label = e->name;
      node.category_id = 10 + e->category;
      node.structure_id = i % 3 == 0 ? 1 : i % 3 == 1 ? 2 : 0;
      node.is_member = e->member;
      node.influence = e->influence;
      node.interest = e->interest;
      node.proximity = e->proximity;
      node.effect_count = e->effects;
      g_assert_true (tissage_map_model_add_node (model, &node));
    }

  for (guint i = 0; i < G_N_ELEMENTS (example_edges); i++)
    {
      const ExampleEdge *e = &example_edges[i];
      TissageMapEdge edge = { 1000 + i, 100 + e->a, 100 + e->b, e->kind, e->strength };

      g_assert_true (tissage_map_model_add_edge (model, &edge));
    }

  return model;
}

static const char * const name_kinds[] = {
  "Association", "Mission locale", "Centre social", "Régie de quartier", "Entreprise d’insertion",
  "Mairie de", "Fondation", "Café associatif", "Épicerie solidaire", "Maison de l’emploi",
  "Université de", "Collège", "Club sportif", "Coopérative", "Atelier", "Résidence",
};

static const char * const name_places[] = {
  "Lille", "Roubaix", "Tourcoing", "Villeneuve-d’Ascq", "Saint-Étienne", "Besançon", "Évry",
  "Créteil", "Nîmes", "Cœur de ville", "Hellemmes", "Wattrelos", "Lomme", "Béthune", "Arras",
};

/*
 * Links follow how collectives work: half within a structure's circle,
 * a fifth within a category, the rest anywhere; strengths 1 to 3 evenly.
 */
TissageMapModel *
map_synthetic_generate (guint   n_nodes,
                        guint   n_edges,
                        guint   n_categories,
                        guint   n_structures,
                        guint32 seed)
{
  TissageMapModel *model = tissage_map_model_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  static const char * const kinds[] = {
    "coopération", "financement", "accompagnement", "orientation de publics",
    "partenariat institutionnel", "Mécénat de compétences",
  };
  guint added = 0, attempts = 0;

  tissage_map_model_set_title (model, "Pôle territorial de coopération économique");
  for (guint c = 0; c < n_categories; c++)
    tissage_map_model_set_category (model, 1 + c, category_names[c % G_N_ELEMENTS (category_names)],
                                    colors[c % G_N_ELEMENTS (colors)]);
  for (guint s = 0; s < n_structures; s++)
    {
      g_autofree char *name = g_strdup_printf ("Structure %u", s + 1);

      tissage_map_model_set_structure (model, 1 + s, name);
    }

  for (guint i = 0; i < n_nodes; i++)
    {
      g_autofree char *label = g_strdup_printf ("%s %s %u",
                                                name_kinds[g_rand_int_range (rand, 0, G_N_ELEMENTS (name_kinds))],
                                                name_places[g_rand_int_range (rand, 0, G_N_ELEMENTS (name_places))],
                                                i + 1);
      TissageMapNode node = { 0 };
      double p = g_rand_double (rand);

      node.id = 1 + i;
      node.label = label;
      node.category_id = 1 + g_rand_int_range (rand, 0, (gint32) n_categories);
      node.structure_id = n_structures > 0 ? 1 + (i % n_structures) : 0;
      node.is_member = g_rand_int_range (rand, 0, 20) == 0;
      node.influence = g_rand_int_range (rand, 0, 101);
      node.interest = g_rand_int_range (rand, 0, 101);
      node.proximity = p < 0.1 ? TISSAGE_MAP_PROXIMITY_CORE : p < 0.35 ? TISSAGE_MAP_PROXIMITY_ENGAGED
                     : p < 0.7 ? TISSAGE_MAP_PROXIMITY_PERIPHERY : TISSAGE_MAP_PROXIMITY_EXTERNAL;
      node.effect_count = g_rand_int_range (rand, 0, 4) == 0 ? (guint) g_rand_int_range (rand, 1, 6) : 0;
      g_assert_true (tissage_map_model_add_node (model, &node));
    }

  while (added < n_edges && attempts < n_edges * 20 && n_nodes > 1)
    {
      TissageMapEdge edge;
      guint a = (guint) g_rand_int_range (rand, 0, (gint32) n_nodes), b;
      double p = g_rand_double (rand);

      attempts++;
      if (p < 0.5 && n_structures > 0)
        {
          /* same structure: nodes a + k × n_structures */
          guint per = MAX (n_nodes / n_structures, 1);

          b = (a % n_structures) + n_structures * (guint) g_rand_int_range (rand, 0, (gint32) per);
        }
      else if (p < 0.7)
        {
          gint64 category = tissage_map_model_get_node (model, a)->category_id;

          b = (guint) g_rand_int_range (rand, 0, (gint32) n_nodes);
          for (guint k = 0; k < 16 && tissage_map_model_get_node (model, b)->category_id != category; k++)
            b = (guint) g_rand_int_range (rand, 0, (gint32) n_nodes);
        }
      else
        b = (guint) g_rand_int_range (rand, 0, (gint32) n_nodes);

      if (b >= n_nodes || a == b)
        continue;

      edge.id = 1 + added;
      edge.source_id = 1 + a;
      edge.target_id = 1 + b;
      edge.kind = kinds[g_rand_int_range (rand, 0, G_N_ELEMENTS (kinds))];
      edge.strength = g_rand_int_range (rand, 1, 4);
      if (tissage_map_model_add_edge (model, &edge))
        added++;
    }

  return model;
}
