#define G_LOG_DOMAIN "tissage-core"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tissage-text.h"

/**
 * tissage_text_french_of_name:
 * @name: a name, as the user typed it
 *
 * "de" followed by @name, as French writes it: de + les is "des", de + le
 * is "du", and "de" is elided before a vowel ("des Jardins de la
 * Confluence", "du Relais", "d’Emmaüs", "de La Poste").
 *
 * Returns: (transfer full): the words
 */
char *
tissage_text_french_of_name (const char *name)
{
  static const struct {
    const char *article;
    const char *contracted;
  } articles[] = {
    { "Les ", "des " }, { "les ", "des " },
    { "Le ", "du " }, { "le ", "du " },
  };
  g_autofree char *first = NULL;
  gunichar c;

  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (articles); i++)
    if (g_str_has_prefix (name, articles[i].article))
      return g_strconcat (articles[i].contracted, name + strlen (articles[i].article), NULL);

  if (*name == '\0' || !g_utf8_validate (name, -1, NULL))
    return g_strconcat ("de ", name, NULL);

  /* The first letter without its accent: É, Î and Ô elide as E, I and O. */
  first = g_utf8_normalize (name, g_utf8_next_char (name) - name, G_NORMALIZE_NFD);
  c = first != NULL ? g_unichar_tolower (g_utf8_get_char (first)) : 0;
  if (c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u')
    return g_strconcat ("d’", name, NULL);

  return g_strconcat ("de ", name, NULL);
}

/**
 * tissage_text_of_name:
 * @name: a name
 *
 * "of @name" in the interface language, to be put after a word ("Value
 * %s"): in French, with the contractions of
 * tissage_text_french_of_name().
 *
 * Returns: (transfer full): the words
 */
char *
tissage_text_of_name (const char *name)
{
  g_return_val_if_fail (name != NULL, NULL);

  /* TRANSLATORS: "of" and a name, put after a word such as "Value". In
   * French write "de %s": Tissage then writes du, des and d’ where French
   * contracts or elides it. */
  if (g_str_equal (C_("of a name", "of %s"), "de %s"))
    return tissage_text_french_of_name (name);

  return g_strdup_printf (C_("of a name", "of %s"), name);
}
