/*
 * theme.c: a theme of the process (record.h): a name the engagements,
 * inputs, trials and goals are given, declared once with a description.
 * While any theme is declared, the themes given to those records are
 * declared ones, in the declared spelling; a new name reaches every
 * record that has the old one; a theme in use stays.
 */
#include <stdlib.h>
#include <string.h>
#include "change.h"
#include "record.h"
#include "record/internal.h"
#include "text.h"
#include "utf8.h"

/*
 * The declared themes' names in id order (a new reference). An import
 * asks for every row: they are read again only when the store says that
 * themes may have changed (vk_store_serial).
 */
static json_t *declared_names(struct vk_store *s)
{
	static json_t *kept;
	static unsigned long long kept_serial;
	unsigned long long serial = vk_store_serial(s, &vk_entity_theme);

	if (kept && serial == kept_serial)
		return json_incref(kept);
	struct vk_query q = { .entity = &vk_entity_theme };
	struct vk_cursor *c = vk_store_query(s, &q);
	json_t *names = json_array(), *t;

	while ((t = vk_cursor_next(c))) {
		json_array_append(names, json_object_get(t, "name"));
		json_decref(t);
	}
	vk_cursor_close(c);
	json_decref(kept);
	kept = json_incref(names);
	kept_serial = serial;
	return names;
}

/* Whether folded texts a and b are equal (text.h's folding). */
static bool same_theme(const char *a, const char *b)
{
	struct strbuf fa = STRBUF_INIT, fb = STRBUF_INIT;
	bool same;

	vk_text_fold(a, strlen(a), &fa);
	vk_text_fold(b, strlen(b), &fb);
	same = fa.len == fb.len && !memcmp(fa.buf, fb.buf, fa.len);
	strbuf_release(&fa);
	strbuf_release(&fb);
	return same;
}

/* Whether the field value had (a text or a list of texts) holds name exactly. */
static bool had_it(json_t *had, const char *name)
{
	size_t i;
	json_t *v;

	if (json_is_string(had))
		return !strcmp(json_string_value(had), name);
	json_array_foreach(had, i, v)
		if (json_is_string(v) && !strcmp(json_string_value(v), name))
			return true;
	return false;
}

/*
 * The declared spelling of theme name (a new string), or NULL after a
 * problem for field f that names the declared ones.
 */
static json_t *resolve_one(const struct vk_field *f, const char *name, json_t *had,
			   json_t *names, struct vk_problems *pr)
{
	size_t i;
	json_t *d;
	struct strbuf sb = STRBUF_INIT;

	if (had_it(had, name))
		return json_string(name);
	/* a string of its own: the kept names are shared by no record */
	json_array_foreach(names, i, d)
		if (same_theme(name, json_string_value(d)))
			return json_string(json_string_value(d));
	utf8_addquoted(&sb, name);
	strbuf_addstr(&sb, " is not a declared theme; the themes: ");
	json_array_foreach(names, i, d)
		strbuf_addf(&sb, "%s%s", i ? ", " : "", json_string_value(d));
	strbuf_addstr(&sb, " (vk-goal theme add NAME declares another)");
	vk_problems_add(pr, f->name, "%s", sb.buf);
	strbuf_release(&sb);
	return NULL;
}

void record_resolve_themes(struct vk_store *s, const struct vk_entity *e, json_t *old,
			   json_t *record, struct vk_problems *pr)
{
	json_t *names = NULL;

	for (size_t i = 0; i < e->nfields; i++) {
		const struct vk_field *f = &e->fields[i];
		json_t *v = json_object_get(record, f->name);
		json_t *had = old ? json_object_get(old, f->name) : NULL;

		if (!(f->flags & VK_THEME) || !v || json_is_null(v) ||
		    (json_is_array(v) && !json_array_size(v)))
			continue;
		if (!names)
			names = declared_names(s);
		if (!json_array_size(names))
			break;	/* none declared: free words */
		if (json_is_string(v)) {
			json_t *r = resolve_one(f, json_string_value(v), had, names, pr);
			if (r)
				json_object_set_new(record, f->name, r);
			continue;
		}
		json_t *list = json_array();
		size_t k, j;
		json_t *item, *have;
		json_array_foreach(v, k, item) {
			json_t *r = json_is_string(item) ?
				    resolve_one(f, json_string_value(item), had, names, pr) : NULL;
			bool dup = false;
			if (!r)
				continue;
			/* "sundhed" and "Sundhed" given together are one theme */
			json_array_foreach(list, j, have)
				dup = dup || json_equal(have, r);
			if (dup)
				json_decref(r);
			else
				json_array_append_new(list, r);
		}
		json_object_set_new(record, f->name, list);
	}
	json_decref(names);
}

size_t vk_theme_users(struct vk_store *s, const char *name,
		      void (*fn)(const struct vk_entity *e, long long id, void *data), void *data)
{
	json_t *value = json_pack("[s]", name);
	size_t n = 0;

	for (size_t k = 0; vk_entities[k]; k++) {
		const struct vk_entity *e = vk_entities[k];
		for (size_t i = 0; i < e->nfields; i++) {
			const struct vk_field *f = &e->fields[i];
			if (!(f->flags & VK_THEME))
				continue;
			/* text folded as the store folds it, in every alphabet */
			struct vk_filter flt = { f->name, f->type == VK_FIELD_TEXT_LIST ?
						 VK_OP_HAS_ANY : VK_OP_FOLD_IN, value };
			struct vk_query q = { .entity = e, .filters = &flt, .nfilters = 1 };
			struct vk_cursor *c = vk_store_query(s, &q);
			json_t *r;
			while ((r = vk_cursor_next(c))) {
				n++;
				if (fn)
					fn(e, json_integer_value(json_object_get(r, "id")), data);
				json_decref(r);
			}
			vk_cursor_close(c);
		}
	}
	json_decref(value);
	return n;
}

/* Collects [[type, id], ...] (vk_theme_users()). */
static void collect(const struct vk_entity *e, long long id, void *data)
{
	json_array_append_new(data, json_pack("[sI]", e->name, (json_int_t)id));
}

/* Appends "engagement 3, input 5, goal 2" (up to 20 of them) for users. */
static void describe_users(json_t *users, struct strbuf *out)
{
	size_t i;
	json_t *u;

	json_array_foreach(users, i, u) {
		if (i == 20) {
			strbuf_addf(out, " and %zu more", json_array_size(users) - 20);
			break;
		}
		strbuf_addf(out, "%s%s %lld", i ? ", " : "", json_string_value(json_array_get(u, 0)),
			    (long long)json_integer_value(json_array_get(u, 1)));
	}
}

/* Theme names are unique ignoring case. */
static void check_store(struct vk_store *s, const struct vk_entity *e, json_t *record,
			struct vk_problems *pr)
{
	const char *name = json_string_value(json_object_get(record, "name"));
	long long self = json_integer_value(json_object_get(record, "id"));
	struct vk_query q = { .entity = e };
	struct vk_cursor *c;
	json_t *t;

	if (!name)
		return;
	c = vk_store_query(s, &q);
	while ((t = vk_cursor_next(c))) {
		const char *other = json_string_value(json_object_get(t, "name"));
		long long id = json_integer_value(json_object_get(t, "id"));
		if (id != self && other && same_theme(name, other)) {
			struct strbuf sb = STRBUF_INIT;
			utf8_addquoted(&sb, other);
			vk_problems_add(pr, "name", "theme %lld is %s already (theme names are unique, "
					"ignoring case)", id, sb.buf);
			strbuf_release(&sb);
		}
		json_decref(t);
	}
	vk_cursor_close(c);
}

/* The value of a theme field with from renamed to to (a new value). */
static json_t *renamed(json_t *v, const char *from, const char *to)
{
	size_t i, j;
	json_t *item, *have, *list;

	if (json_is_string(v))
		return json_string(same_theme(json_string_value(v), from) ? to : json_string_value(v));
	list = json_array();
	json_array_foreach(v, i, item) {
		json_t *r = json_is_string(item) && same_theme(json_string_value(item), from) ?
			    json_string(to) : json_incref(item);
		bool dup = false;
		json_array_foreach(list, j, have)
			dup = dup || json_equal(have, r);
		if (dup)
			json_decref(r);
		else
			json_array_append_new(list, r);
	}
	return list;
}

/* A theme's new name reaches every record that has the old one, each change in the history. */
static void after_change(struct vk_store *s, const struct vk_entity *e, json_t *old,
			 json_t *record, struct vk_problems *pr)
{
	const char *from = json_string_value(json_object_get(old, "name"));
	const char *to = json_string_value(json_object_get(record, "name"));
	json_t *users, *u;
	size_t i;

	(void)e;
	if (!from || !to || !strcmp(from, to))
		return;
	users = json_array();
	vk_theme_users(s, from, collect, users);
	struct strbuf why = STRBUF_INIT;
	strbuf_addf(&why, "theme %lld renamed from ",
		    (long long)json_integer_value(json_object_get(old, "id")));
	utf8_addquoted(&why, from);
	strbuf_addstr(&why, " to ");
	utf8_addquoted(&why, to);
	json_t *note = json_pack("{ss}", "reason", why.buf);
	json_array_foreach(users, i, u) {
		const struct vk_entity *ue = vk_entity_by_name(json_string_value(json_array_get(u, 0)));
		json_t *r = vk_store_get(s, ue, json_integer_value(json_array_get(u, 1)));
		json_t *changes = json_object();
		for (size_t k = 0; r && k < ue->nfields; k++) {
			const struct vk_field *f = &ue->fields[k];
			json_t *v = json_object_get(r, f->name);
			if ((f->flags & VK_THEME) && v && !json_is_null(v))
				json_object_set_new(changes, f->name, renamed(v, from, to));
		}
		if (r)
			vk_change_update_as(s, ue, r, changes, "set", note, pr);
		json_decref(changes);
		json_decref(r);
	}
	strbuf_release(&why);
	json_decref(note);
	json_decref(users);
}

/* A theme that records carry is not removed: they are named. */
static bool check_remove(struct vk_store *s, const struct vk_entity *e, long long id,
			 struct strbuf *why)
{
	json_t *t = vk_store_get(s, e, id);
	const char *name = t ? json_string_value(json_object_get(t, "name")) : NULL;
	json_t *users = json_array();

	if (name)
		vk_theme_users(s, name, collect, users);
	bool unused = !json_array_size(users);
	if (!unused) {
		strbuf_addstr(why, "it is the theme of ");
		describe_users(users, why);
		strbuf_addstr(why, " (give them another theme first, or rename it with theme set "
			      "ID --name)");
	}
	json_decref(users);
	json_decref(t);
	return unused;
}

static const struct vk_field theme_fields[] = {
	{ .name = "id", .type = VK_FIELD_ID, .flags = VK_READONLY },
	{ .name = "name", .type = VK_FIELD_TEXT, .flags = VK_REQUIRED | VK_TITLE, .argname = "NAME",
	  .help = "the theme's name, as records are given it (a new one renames it on them)" },
	{ .name = "description", .type = VK_FIELD_TEXT, .argname = "TEXT",
	  .help = "what the theme covers" },
};

static const char *const theme_brief[] = { "id", "name", "description", NULL };

const struct vk_entity vk_entity_theme = {
	.name = "theme", .plural = "themes",
	.fields = theme_fields, .nfields = ARRAY_SIZE(theme_fields),
	.brief = theme_brief, .check_store = check_store, .check_remove = check_remove,
	.after_change = after_change,
};
