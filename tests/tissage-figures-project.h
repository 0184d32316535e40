/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

#include "tissage-document.h"

G_BEGIN_DECLS

/*
 * A small project made by hand whose figures a person can count on
 * paper, for the core, the Synthèse and the workbook to agree on.
 *
 * Two structures (Mission locale Nord, Régie de quartier Sud); two
 * periods, "2025" and "1er semestre 2026" (January to June). In the
 * half-year: 3 interviews, 2 of them done, with 2 quotes; in 2025:
 * 2 interviews, both done, with 3 quotes; every quote tells of the one
 * effect, "Parcours sans rupture". Indicators, all with a target,
 * for the half-year:
 * - "Plaintes de bénéficiaires": target 0, 0 entered: reached;
 * - "Sorties positives (Nord)", Nord's own: target 60, Nord 61: reached;
 * - "Taux de satisfaction", mean of the structures: target 80, the
 *   collective entered 85 (the structures 70 and 60): reached;
 * - "Délai d'accès (jours)", lower is better: baseline 45, target 30,
 *   40 entered: not reached;
 * - "Confiance en soi (1 à 5)", from the scale question: target 4, the
 *   half-year's answers 4 and 5: 4,5 computed from 2 interviews: reached.
 */
#define FIGURES_HALF_YEAR       "1er semestre 2026"
#define FIGURES_ZERO            "Plaintes de bénéficiaires"
#define FIGURES_SCOPED          "Sorties positives (Nord)"
#define FIGURES_MEAN            "Taux de satisfaction"
#define FIGURES_DOWN            "Délai d'accès (jours)"
#define FIGURES_COMPUTED        "Confiance en soi (1 à 5)"

TissageDocument *figures_project_create (GFile       *file);
/* The record of that title or label; owned by the document. */
gpointer         figures_project_find   (TissageDocument *document,
                                         GType            type,
                                         const char      *name);

G_END_DECLS
