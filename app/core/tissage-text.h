#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *tissage_text_of_name        (const char *name);
char *tissage_text_french_of_name (const char *name);

char *tissage_text_fold_words     (const char *text);

G_END_DECLS
