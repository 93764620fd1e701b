/* meta_json.h - the JSON of one field's metadata, shared by the REST
 * metadata API (rest_metadata.c) and the metadata GraphQL (gql_meta.c) so
 * both answer with the same values (contract section 4).
 *
 * Promises: the field type as Twenty names it ("SELECT", "RELATION", …;
 * "TEXT" for anything unknown), the public name (a relation by its
 * relation name: "company", not "companyId"), defaultValue as Twenty stores
 * it, SELECT options in position order (null for other types), and the fixed
 * createdAt/updatedAt timestamp of all metadata. Every cJSON returned is
 * owned by the caller. */
#ifndef SIM_META_JSON_H
#define SIM_META_JSON_H

#include <cjson/cJSON.h>

#include "schema.h"

#define SIM_META_TIMESTAMP "2024-01-01T00:00:00.000Z"

const char *sim_meta_type_name(sim_ftype t);
const char *sim_meta_field_name(const sim_field *f);
/* JSON where the text is JSON ("0", composite objects), otherwise the text
 * itself ("'NEW'", "uuid", "now"); null when there is no default. */
cJSON *sim_meta_default_json(const char *text);
/* [{id,value,label,color,position}…] of the schema's stage options for a
 * SELECT field; null for any other field. */
cJSON *sim_meta_options_json(const sim_schema *s, const sim_field *f);

#endif
