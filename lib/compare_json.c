/* dii_comparison_to_json: the "dii-comparison/1" document (docs/compare.md
 * §5, data/schema/comparison.schema.json). Field order is fixed; the layout
 * and the number text are jsonw.h's (the writer of every libdii document);
 * absent values are null; values of yes/no indicators are true/false. The
 * deltas come from the one rule of each (compare_model.c). */
#include <string.h>

#include "compare.h"
#include "error.h"
#include "jsonw.h"

static const char *const side_suffix[2] = {"_a", "_b"};

/* "<name>_a" and "<name>_b" keys. */
static void key2(jsonw *w, const char *name, int side)
{
    char key[32];
    size_t n = strlen(name);
    memcpy(key, name, n);
    memcpy(key + n, side_suffix[side], 3);
    jw_key(w, key);
}

static void put_opt_int(jsonw *w, int has, long long v)
{
    if (has)
        jw_int(w, v);
    else
        jw_null(w);
}

static const char *sides_name(const cmp_unit *unit)
{
    if (unit->on_side[DII_SIDE_A] && unit->on_side[DII_SIDE_B])
        return "both";
    return unit->on_side[DII_SIDE_A] ? "a" : "b";
}

static void put_row(jsonw *w, const struct dii_comparison *cmp, const cmp_unit *unit,
                    const cmp_row *row)
{
    int is_boolean = cmp->indicator_boolean[row->indicator];
    double delta = 0;
    jw_open(w, '{');
    jw_key(w, "indicator");
    jw_str(w, cmp->indicator_ids[row->indicator]);
    jw_key(w, "code");
    jw_str(w, cmp->indicator_codes[row->indicator]);
    for (int s = DII_SIDE_A; s <= DII_SIDE_B; s++) {
        key2(w, "value", s);
        if (row->has_value[s])
            jw_value(w, is_boolean, row->value[s]);
        else
            jw_null(w);
    }
    jw_key(w, "delta_value");
    int has = cmp_value_delta(cmp, row, &delta);
    jw_opt_num(w, has, delta);
    jw_key(w, "value_changed");
    jw_bool(w, row->changes & DII_CHANGED_VALUE);
    for (int s = DII_SIDE_A; s <= DII_SIDE_B; s++) {
        key2(w, "points", s);
        jw_opt_num(w, unit->on_side[s], row->points[s]);
    }
    jw_key(w, "delta_points");
    has = cmp_points_delta(unit, row, &delta);
    jw_opt_num(w, has, delta);
    jw_key(w, "points_changed");
    jw_bool(w, row->changes & DII_CHANGED_POINTS);
    for (int s = DII_SIDE_A; s <= DII_SIDE_B; s++) {
        key2(w, "status", s);
        if (unit->on_side[s])
            jw_enum(w, dii_compliance_name((dii_compliance)row->status[s]));
        else
            jw_null(w);
    }
    jw_key(w, "status_changed");
    jw_bool(w, row->changes & DII_CHANGED_STATUS);
    jw_key(w, "changed");
    jw_bool(w, row->changes != 0);
    jw_close(w, '}');
}

/* The entry's totals: each field on side A, side B, then its delta. */
static void put_totals(jsonw *w, const cmp_unit *unit)
{
    double d_points, d_index;
    int d_rank;
    int both = cmp_unit_delta(unit, &d_points, &d_index, &d_rank);
    for (int s = DII_SIDE_A; s <= DII_SIDE_B; s++) {
        key2(w, "year", s);
        put_opt_int(w, unit->on_side[s], unit->score[s].year);
    }
    for (int s = DII_SIDE_A; s <= DII_SIDE_B; s++) {
        key2(w, "target_year", s);
        put_opt_int(w, unit->on_side[s], unit->score[s].target_year);
    }
    for (int s = DII_SIDE_A; s <= DII_SIDE_B; s++) {
        key2(w, "points", s);
        jw_opt_num(w, unit->on_side[s], unit->score[s].points);
    }
    jw_key(w, "delta_points");
    jw_opt_num(w, both, d_points);
    for (int s = DII_SIDE_A; s <= DII_SIDE_B; s++) {
        key2(w, "index", s);
        jw_opt_num(w, unit->on_side[s], unit->score[s].index);
    }
    jw_key(w, "delta_index");
    jw_opt_num(w, both, d_index);
    for (int s = DII_SIDE_A; s <= DII_SIDE_B; s++) {
        key2(w, "rank", s);
        put_opt_int(w, unit->on_side[s] && unit->score[s].rank > 0, unit->score[s].rank);
    }
    jw_key(w, "delta_rank");
    put_opt_int(w, both, d_rank);
}

static void put_unit(jsonw *w, const struct dii_comparison *cmp, const cmp_unit *unit)
{
    jw_open(w, '{');
    jw_key(w, "id");
    jw_str(w, unit->id);
    jw_key(w, "name");
    jw_str(w, unit->name);
    jw_key(w, "sides");
    jw_str(w, sides_name(unit));
    put_totals(w, unit);
    jw_key(w, "changed");
    jw_bool(w, unit->changed);
    jw_key(w, "rows");
    jw_open(w, '[');
    for (size_t i = 0; i < unit->row_count; i++) {
        jw_elem(w);
        put_row(w, cmp, unit, &cmp->rows[unit->first_row + i]);
    }
    jw_close(w, ']');
    jw_close(w, '}');
}

static void put_header(jsonw *w, const struct dii_comparison *cmp)
{
    jw_key(w, "format");
    jw_str(w, "dii-comparison/1");
    jw_key(w, "framework");
    jw_open(w, '{');
    jw_key(w, "id");
    jw_str(w, cmp->framework_id);
    jw_key(w, "version");
    jw_str(w, cmp->framework_version);
    jw_key(w, "status");
    jw_enum(w, dii_framework_status_name(cmp->framework_status));
    jw_close(w, '}');
    jw_key(w, "match");
    jw_enum(w, dii_compare_match_name(cmp->match));
    jw_key(w, "all_rows");
    jw_bool(w, cmp->all_rows);
}

DII_API dii_status dii_comparison_to_json(const dii_comparison *cmp, char **json, size_t *len)
{
    if (json)
        *json = NULL;
    if (len)
        *len = 0;
    if (!cmp || !json)
        return dii_fail(DII_ERR_INVALID_ARGUMENT,
                        "dii_comparison_to_json: cmp and json must not be NULL");
    strbuf sb;
    sb_init(&sb);
    jsonw w;
    jw_init(&w, &sb);
    jw_open(&w, '{');
    put_header(&w, cmp);
    jw_key(&w, "units");
    jw_open(&w, '[');
    for (size_t u = 0; u < cmp->unit_count; u++) {
        jw_elem(&w);
        put_unit(&w, cmp, &cmp->units[u]);
    }
    jw_close(&w, ']');
    jw_key(&w, "warnings");
    jw_open(&w, '[');
    for (size_t i = 0; i < cmp->warning_count; i++) {
        jw_elem(&w);
        jw_str(&w, cmp->warnings[i]);
    }
    jw_close(&w, ']');
    jw_close(&w, '}');
    return jw_finish(&sb, json, len);
}
