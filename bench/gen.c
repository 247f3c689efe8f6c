/*
 * gen.c: the benchmark's data. `gen N DIR` writes a vision process with N
 * stakeholders to DIR: stakeholders.csv, engagements.csv, inputs.csv,
 * milestones.csv, trials.csv, learnings.csv (RFC 4180, CRLF, the columns
 * of examples/) and all.jsonl (every record as JSON Lines with "type", in
 * that order). The same N gives the same bytes on every run and machine:
 * one fixed-seed PRNG (splitmix64), no time, no locale.
 *
 * Proportions: engagements N/20 with 3-15 named participants and most with
 * headcounts; inputs N/10; 40 milestones; trials N/500 (at least 24) in two
 * rounds; two learnings per finished (done or evaluated) trial. All dates
 * fall in 2020; "today" is 2020-06-26 (set VK_TODAY=2020-06-26).
 *
 * C11 and libc only. Every record is written to its CSV file and to
 * all.jsonl in one pass, through large buffers.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ---- the PRNG: splitmix64, fixed seed ---- */

static uint64_t rng_state = 0x766b2d62656e6368ULL;	/* "vk-bench" */

static uint64_t next64(void)
{
	uint64_t z = (rng_state += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

/* A number in [0, n). */
static uint32_t rnd(uint32_t n)
{
	return (uint32_t)(((next64() >> 32) * (uint64_t)n) >> 32);
}

/* A number in [lo, hi]. */
static long between(long lo, long hi)
{
	return lo + (long)rnd((uint32_t)(hi - lo + 1));
}

/* True with probability pct/100. */
static int chance(unsigned pct)
{
	return rnd(100) < pct;
}

#define PICK(a) ((a)[rnd(COUNT(a))])

/* ---- output: a buffered file ---- */

struct out {
	FILE *f;
	char *buf;
	size_t len, cap;
	const char *path;
};

static void die(const char *what, const char *path)
{
	fprintf(stderr, "gen: %s%s%s: %s\n", what, path ? " " : "", path ? path : "",
		strerror(errno));
	exit(1);
}

static void out_flush(struct out *o)
{
	if (o->len && fwrite(o->buf, 1, o->len, o->f) != o->len)
		die("cannot write", o->path);
	o->len = 0;
}

static void out_open(struct out *o, const char *dir, const char *name)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *path = malloc(n);

	if (!path)
		die("out of memory", NULL);
	snprintf(path, n, "%s/%s", dir, name);
	o->f = fopen(path, "wb");
	if (!o->f)
		die("cannot create", path);
	o->cap = 1 << 20;
	o->buf = malloc(o->cap + 65536);
	if (!o->buf)
		die("out of memory", NULL);
	o->len = 0;
	o->path = path;
}

static void out_close(struct out *o)
{
	out_flush(o);
	if (fclose(o->f))
		die("cannot write", o->path);
	free(o->buf);
	free((char *)o->path);
}

/* Room for n more bytes (the buffer has 64 KiB of slack past cap). */
static inline void out_room(struct out *o, size_t n)
{
	if (o->len + n > o->cap) {
		out_flush(o);
		if (n > o->cap) {
			o->buf = realloc(o->buf, n + 65536);
			if (!o->buf)
				die("out of memory", NULL);
			o->cap = n;
		}
	}
}

static inline void out_mem(struct out *o, const char *s, size_t n)
{
	out_room(o, n);
	memcpy(o->buf + o->len, s, n);
	o->len += n;
}

static inline void out_str(struct out *o, const char *s)
{
	out_mem(o, s, strlen(s));
}

static inline void out_chr(struct out *o, char c)
{
	out_room(o, 1);
	o->buf[o->len++] = c;
}

static void out_long(struct out *o, long v)
{
	char tmp[24];
	int i = 0;
	unsigned long u = v < 0 ? -(unsigned long)v : (unsigned long)v;

	do
		tmp[i++] = (char)('0' + u % 10);
	while (u /= 10);
	if (v < 0)
		tmp[i++] = '-';
	out_room(o, (size_t)i);
	while (i)
		o->buf[o->len++] = tmp[--i];
}

/* ---- text built in memory ---- */

struct text {
	char buf[4096];
	size_t len;
};

static void t_reset(struct text *t)
{
	t->len = 0;
	t->buf[0] = '\0';
}

static void t_add(struct text *t, const char *s)
{
	size_t n = strlen(s);

	if (t->len + n >= sizeof(t->buf))
		n = sizeof(t->buf) - 1 - t->len;
	memcpy(t->buf + t->len, s, n);
	t->len += n;
	t->buf[t->len] = '\0';
}

static void t_long(struct text *t, long v)
{
	char tmp[24];

	snprintf(tmp, sizeof(tmp), "%ld", v);
	t_add(t, tmp);
}

/* ---- records: one CSV row and one JSON line at a time ---- */

static struct out jsonl;
static struct out *csv;		/* the current record type's CSV file */
static int nfield;

static void csv_cell(const char *s)
{
	if (nfield++)
		out_chr(csv, ',');
	if (!s)
		return;
	if (!strpbrk(s, ",\"\r\n")) {
		out_str(csv, s);
		return;
	}
	out_chr(csv, '"');
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			out_chr(csv, '"');
		out_chr(csv, *p);
	}
	out_chr(csv, '"');
}

static void json_string(const char *s)
{
	static const char hex[] = "0123456789abcdef";

	out_chr(&jsonl, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		const unsigned char *q = p;
		while (*q >= 0x20 && *q != '"' && *q != '\\')
			q++;
		if (q > p) {
			out_mem(&jsonl, (const char *)p, (size_t)(q - p));
			p = q;
			if (!*p)
				break;
		}
		switch (*p) {
		case '"': out_mem(&jsonl, "\\\"", 2); break;
		case '\\': out_mem(&jsonl, "\\\\", 2); break;
		case '\n': out_mem(&jsonl, "\\n", 2); break;
		case '\r': out_mem(&jsonl, "\\r", 2); break;
		case '\t': out_mem(&jsonl, "\\t", 2); break;
		case '\b': out_mem(&jsonl, "\\b", 2); break;
		case '\f': out_mem(&jsonl, "\\f", 2); break;
		default: {
			char u[6] = { '\\', 'u', '0', '0', hex[*p >> 4], hex[*p & 15] };
			out_mem(&jsonl, u, 6);
		}
		}
	}
	out_chr(&jsonl, '"');
}

static void json_key(const char *name)
{
	out_chr(&jsonl, ',');
	out_chr(&jsonl, '"');
	out_str(&jsonl, name);
	out_mem(&jsonl, "\":", 2);
}

static void rec_begin(struct out *file, const char *type)
{
	csv = file;
	nfield = 0;
	out_mem(&jsonl, "{\"type\":", 8);
	json_string(type);
}

static void rec_end(void)
{
	out_mem(csv, "\r\n", 2);
	out_mem(&jsonl, "}\n", 2);
}

/* An integer field; v < 0 is absent. */
static void f_int(const char *name, long v)
{
	json_key(name);
	if (nfield++)
		out_chr(csv, ',');
	if (v < 0) {
		out_mem(&jsonl, "null", 4);
		return;
	}
	out_long(csv, v);
	out_long(&jsonl, v);
}

/* A text field; NULL or "" is absent. */
static void f_str(const char *name, const char *s)
{
	if (s && !*s)
		s = NULL;
	json_key(name);
	csv_cell(s);
	if (s)
		json_string(s);
	else
		out_mem(&jsonl, "null", 4);
}

/* A list of strings: one cell joined with ';', a JSON array ([] when empty, as vk prints it). */
static void f_strlist(const char *name, const char *const *items, size_t n)
{
	struct text t;

	json_key(name);
	if (!n) {
		csv_cell(NULL);
		out_mem(&jsonl, "[]", 2);
		return;
	}
	t_reset(&t);
	out_chr(&jsonl, '[');
	for (size_t i = 0; i < n; i++) {
		if (i) {
			t_add(&t, ";");
			out_chr(&jsonl, ',');
		}
		t_add(&t, items[i]);
		json_string(items[i]);
	}
	out_chr(&jsonl, ']');
	csv_cell(t.buf);
}

/* A list of ids. */
static void f_idlist(const char *name, const long *ids, size_t n)
{
	json_key(name);
	if (nfield++)
		out_chr(csv, ',');
	if (!n) {
		out_mem(&jsonl, "[]", 2);
		return;
	}
	out_chr(&jsonl, '[');
	for (size_t i = 0; i < n; i++) {
		if (i) {
			out_chr(csv, ';');
			out_chr(&jsonl, ',');
		}
		out_long(csv, ids[i]);
		out_long(&jsonl, ids[i]);
	}
	out_chr(&jsonl, ']');
}

/* Counts by group: group=n;group=n, a JSON object. */
static void f_counts(const char *name, const char *const *keys, const long *n, size_t count)
{
	json_key(name);
	if (nfield++)
		out_chr(csv, ',');
	if (!count) {
		out_mem(&jsonl, "{}", 2);
		return;
	}
	out_chr(&jsonl, '{');
	for (size_t i = 0; i < count; i++) {
		if (i) {
			out_chr(csv, ';');
			out_chr(&jsonl, ',');
		}
		out_str(csv, keys[i]);
		out_chr(csv, '=');
		out_long(csv, n[i]);
		json_string(keys[i]);
		out_chr(&jsonl, ':');
		out_long(&jsonl, n[i]);
	}
	out_chr(&jsonl, '}');
}

static void header(struct out *o, const char *columns)
{
	out_str(o, columns);
	out_mem(o, "\r\n", 2);
}

/* ---- dates: days since 2020-01-01 (2020 is a leap year) ---- */

static const char *date_of(int day, char buf[11])
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int m = 0;

	if (day < 0)
		day = 0;
	if (day > 365)
		day = 365;
	while (day >= mdays[m]) {
		day -= mdays[m];
		m++;
	}
	buf[0] = '2'; buf[1] = '0'; buf[2] = '2'; buf[3] = '0'; buf[4] = '-';
	buf[5] = (char)('0' + (m + 1) / 10);
	buf[6] = (char)('0' + (m + 1) % 10);
	buf[7] = '-';
	buf[8] = (char)('0' + (day + 1) / 10);
	buf[9] = (char)('0' + (day + 1) % 10);
	buf[10] = '\0';
	return buf;
}

#define TODAY 177		/* 2020-06-26, a Friday in week 26 */
#define DAY(m, d) (((m) == 1 ? 0 : (m) == 2 ? 31 : (m) == 3 ? 60 : (m) == 4 ? 91 : \
		    (m) == 5 ? 121 : (m) == 6 ? 152 : (m) == 7 ? 182 : (m) == 8 ? 213 : \
		    (m) == 9 ? 244 : (m) == 10 ? 274 : (m) == 11 ? 305 : 335) + (d) - 1)

/* ---- words ---- */

static const char *const first_names[] = {
	"Aviaja", "Nuka", "Pipaluk", "Malik", "Inuk", "Søren", "Ane", "Naja", "Kaalu",
	"Aqqalu", "Arnaq", "Ivalo", "Paninguaq", "Nivi", "Aputsiaq", "Hans", "Ole", "Mette",
	"Kristian", "Louise", "Sara", "Efraim", "Abel", "Johan", "Birthe", "Karla", "Amos",
	"Marie", "Hertha", "Arnakuluk", "Thomas", "Nukaaka", "Henrik", "Laila", "Jakob",
	"Dorthe", "Rasmus", "Ivik", "Elias", "Tupaarnaq", "Minik", "Nukannguaq", "Qupanuk",
	"Kuluk", "Angunnguaq", "Hansigne", "Ujarak", "Bolatta", "Kiista", "Jens", "Mads",
	"Frederik", "Karen", "Kirsten", "Jørgen", "Åse", "Bjørn", "Mikkel", "Ida", "Emma",
	"Niels", "Lars", "Anne-Marie", "Else", "Kathrine", "Ulloriaq", "Siiva", "Nattoralik",
	"Maannguaq", "Peqqaq", "Tukummeq", "Usaaraq", "Ataata", "Jonathan", "Vittus",
};
static const char *const middle_names[] = {
	"Sofie", "Aputsiaq", "Kjærgaard", "Brandt", "Højgaard", "Winther", "Lovise",
	"Ebbesen", "Mølgaard", "Frederiksen", "Nielsine", "Kuupik",
};
static const char *const surnames[] = {
	"Kristiansen", "Lyberth", "Berthelsen", "Ødegård", "Ørsted-Kleist", "Heilmann",
	"Kreutzmann", "Ravnsborg", "Fleischer", "Lynge", "Petrussen", "Mathiesen",
	"Thorleifsen", "Jeremiassen", "Petersen", "Abelsen", "Mikaelsen", "Mikkelsen",
	"Olsen", "Ignatiussen", "Sandgreen", "Kuitse", "Nielsen", "Kleemann", "Lennert",
	"Overgaard", "Ezekiassen", "Kristensen", "Hansen", "Poulsen", "Jonathansen",
	"Broberg", "Vestergaard", "Zeeb", "Dalager", "Nathanielsen", "Eriksen", "Lund",
	"Andersen", "Kjeldsen", "Toft", "Josefsen", "Davidsen", "Abrahamsen", "Motzfeldt",
	"Egede", "Rosing", "Lyberth-Møller", "Kristiansen-Kleist", "Høegh", "Kleist",
	"Chemnitz", "Storch", "Enoksen", "Fencker", "Kielsen", "Frederiksen", "Sørensen",
	"Jensen", "Møller", "Holm", "Åberg", "Boassen", "Tobiassen", "Qujaukitsoq",
};
static const char *const towns[] = {
	"Nuuk", "Nuuk", "Nuuk", "Nuuk", "Nuuk", "Nuuk", "Nuuk", "Nuuk",
	"Tasiilaq", "Tasiilaq", "Paamiut", "Paamiut", "Qaqortoq", "Sisimiut", "Sisimiut",
	"Ilulissat", "Kapisillit", "Ittoqqortoormiit", "Kulusuk", "Arsuk", "Aasiaat",
	"Maniitsoq", "Narsaq", "Upernavik", "Uummannaq", "Qeqertarsuaq", "Nanortalik",
	"København", "Aarhus",
};
static const char *const groups[] = {
	"politician", "management", "manager", "employee", "citizen", "association",
	"business", "education", "partner", "consultant", "other",
};
/* weights per mille, in the order of groups[] */
static const unsigned group_weight[] = { 8, 5, 40, 150, 600, 60, 50, 30, 22, 5, 30 };
enum { POLITICIAN, MANAGEMENT, MANAGER, EMPLOYEE, CITIZEN, ASSOCIATION, BUSINESS,
       EDUCATION, PARTNER, CONSULTANT, OTHER };
static const char *const levels[] = { "low", "medium", "high" };
static const char *const tags[] = {
	"vision", "politik", "erhverv", "lufthavn", "østkysten", "sprog", "fiskeri",
	"ledelse", "økonomi", "børn", "familie", "proces", "koordinering", "skole",
	"ældre", "sundhed", "anlæg", "bolig", "bosætning", "daginstitution", "referat",
	"kommunikation", "arbejdsmiljø", "borgerservice", "fangst", "ungdom", "uddannelse",
	"sport", "tilflytter", "bygd", "frivillige", "fællesskab", "demokrati", "byggeri",
	"turisme", "arbejdskraft", "pædagogik", "vækst", "medier", "kirke", "inspiration",
};
static const char *const themes[] = {
	"det gode liv", "børn og unge", "fællesskab", "arbejdspladsen", "bosætning",
	"sundhed", "uddannelse", "sprog og kultur",
};
static const char *const units[] = {
	"Børn og Familie", "Velfærd og Ældrepleje", "Teknik og Miljø", "Borgerservice",
	"Strategi og Organisationsudvikling", "Skolen", "Daginstitutionen", "Jobcentret",
	"Familieafdelingen", "Ældreplejen", "Biblioteket", "Fritidsklubben",
};
static const char *const departments[] = {
	"Børn og Familie", "Uddannelse", "Ældre og Sundhed", "Arbejdsmarked",
	"Kultur og Fritid", "Teknik og Miljø", "Administration",
};
static const char *const tracks[] = { "find og forstør", "træningsbaner", "facilitering" };
static const char *const roles_of_steering[] = { "steering", "working", "lead", "secretary" };

static const char *const note_starts[] = {
	"Formand for udvalget", "Stabschef", "Udviklingskonsulent", "Pensioneret fisker",
	"Enlig mor til tre", "Driftsleder", "Lærer", "Social- og sundhedsassistent",
	"Fanger og talsperson for bygdebestyrelsen", "Tillidsrepræsentant", "Lektor",
	"Ledende sygeplejerske", "Journalist", "Sognepræst", "Gymnasieelev", "Tilflytter",
	"Træner fodbold for de yngste", "Deltager mest på video", "Tolker ved møderne",
};
static const char *const note_middles[] = {
	"vil gerne med i en prøvehandling om forældresamarbejde",
	"foretrækker møder om formiddagen",
	"ønsker kort skriftligt materiale på grønlandsk",
	"har erfaring med borgerpanel",
	"savner et sted, hvor nye og gamle mødes",
	"kontakt via områdechefen",
	"mangler faglært arbejdskraft",
	"interesseret i, hvordan visionen påvirker byudvikling og boligbyggeri",
	"fortæller gerne om byens historie",
	"driver suppekøkken to gange om ugen",
};
static const char *const quotes[] = {
	"Hvordan sikrer vi, at østkysten ikke bare bliver en fodnote?",
	"Vi har brug for en vision, man kan sige højt på en nattevagt.",
	"Før i tiden delte vi fangsten med naboerne. Nu køber alle i butikken.",
	"Jeg vil gerne tage en uddannelse, men jeg vil også gerne komme hjem igen bagefter.",
	"Fabrikken var byens hjerte.",
	"Der skal være noget at komme hjem til.",
	"Familierne kender ikke tilbuddene, og tilbuddene kender ikke familierne.",
	"Vi taler meget om vækst. Men det gode liv handler om et hus, der er varmt.",
	"Skolen skal have lærere, ellers flytter familierne.",
	"Vi mødes kun, når nogen dør eller bliver gift.",
	"Giv os en fast kontaktperson, så klarer vi resten selv.",
	"Ungdommen vil ikke høres på rådhuset klokken 16.",
	"Visionen skal kunne forstås lige godt i Nuuk, Tasiilaq og Kapisillit.",
	"Det koster ingenting, men det kræver, at nogen gør det hver uge.",
};
static const char *const sources[] = {
	"mandlig pensionist", "ung kvinde, 19 år", "forælder", "medarbejder i ældreplejen",
	"lærer", "fanger", "gymnasieelev", "sygeplejerske", "borgmester", "tilflytter",
	"kommunalbestyrelsesmedlem", "leder af daginstitution", "ung mand, 22 år",
	"medlem af ældrerådet", "frivillig i idrætsforeningen",
};
static const char *const kinds[] = {
	"interview", "workshop", "meeting", "seminar", "survey", "dialogue", "visit",
	"event", "other",
};
static const unsigned kind_weight[] = { 25, 25, 20, 5, 3, 10, 5, 5, 2 };
static const char *const kind_words[] = {
	"Interviews", "Workshop", "Møde", "Seminar", "Spørgeskema", "Borgerdialog", "Besøg",
	"Arrangement", "Samtale",
};
static const char *const topics[] = {
	"det gode liv", "børn og unge", "fællesskab i byen", "arbejdspladsen",
	"bosætning og boliger", "ældres hverdag", "uddannelse og job", "sprog og kultur",
	"første udkast til grundfortællingen", "prøvehandlingerne",
};

/* ---- helpers ---- */

static size_t weighted(const unsigned *w, size_t n)
{
	unsigned total = 0, r;

	for (size_t i = 0; i < n; i++)
		total += w[i];
	r = rnd(total);
	for (size_t i = 0; i < n; i++) {
		if (r < w[i])
			return i;
		r -= w[i];
	}
	return n - 1;
}

/* k distinct items of words (k <= nwords), in the order picked. */
static size_t pick_distinct(const char *const *words, size_t nwords, size_t k,
			    const char **out)
{
	size_t n = 0;

	while (n < k) {
		const char *w = words[rnd((uint32_t)nwords)];
		size_t i;
		for (i = 0; i < n && out[i] != w; i++)
			;
		if (i == n)
			out[n++] = w;
	}
	return n;
}

/* k distinct ids in [1, max]. */
static size_t pick_ids(long max, size_t k, long *out)
{
	size_t n = 0;

	if ((long)k > max)
		k = (size_t)max;
	while (n < k) {
		long id = between(1, max);
		size_t i;
		for (i = 0; i < n && out[i] != id; i++)
			;
		if (i == n)
			out[n++] = id;
	}
	return n;
}

/* ASCII for an e-mail address: æ ae, ø oe, å aa, é e; letters lowered; ' ' '.'. */
static void t_ascii(struct text *t, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		const char *r = NULL;
		char one[2] = { 0, 0 };
		if (*p == 0xC3 && p[1]) {
			switch (p[1]) {
			case 0xA6: case 0x86: r = "ae"; break;
			case 0xB8: case 0x98: r = "oe"; break;
			case 0xA5: case 0x85: r = "aa"; break;
			case 0xA9: case 0x89: r = "e"; break;
			default: r = "";
			}
			p++;
		} else if (*p >= 'A' && *p <= 'Z') {
			one[0] = (char)(*p + 32);
		} else if ((*p >= 'a' && *p <= 'z') || *p == '-' || (*p >= '0' && *p <= '9')) {
			one[0] = (char)*p;
		} else if (*p == ' ') {
			one[0] = '.';
		}
		t_add(t, r ? r : one);
	}
}

static void t_digits(struct text *t, int n)
{
	char d[2] = { 0, 0 };

	for (int i = 0; i < n; i++) {
		d[0] = (char)('0' + rnd(10));
		t_add(t, d);
	}
}

/* A note of two sentences with commas, "quotes", now and then a line break, or a leading - or =. */
static void t_note(struct text *t, const char *town)
{
	unsigned r = rnd(1000);

	t_reset(t);
	if (r < 20)
		t_add(t, "- ");
	else if (r < 30)
		t_add(t, "=");
	t_add(t, PICK(note_starts));
	t_add(t, ". ");
	switch (rnd(5)) {
	case 0:
		t_add(t, "Vil gerne med, men ");
		t_add(t, PICK(note_middles));
		t_add(t, ".");
		break;
	case 1:
		t_add(t, "Sagde på mødet i ");
		t_add(t, town);
		t_add(t, ": \"");
		t_add(t, PICK(quotes));
		t_add(t, "\"");
		break;
	case 2:
		t_add(t, "Pointe fra interviewet:\n");
		t_add(t, PICK(quotes));
		break;
	default:
		t_add(t, "Bor i ");
		t_add(t, town);
		t_add(t, ", ");
		t_add(t, PICK(note_middles));
		t_add(t, ".");
	}
}

/* A quote for an input or a learning: one to three sentences. */
static void t_quote(struct text *t)
{
	int n = (int)between(1, 3);

	t_reset(t);
	for (int i = 0; i < n; i++) {
		if (i)
			t_add(t, rnd(8) ? " " : "\n");
		if (rnd(6) == 0) {
			t_add(t, "Hun sagde: \"");
			t_add(t, PICK(quotes));
			t_add(t, "\"");
		} else {
			t_add(t, PICK(quotes));
		}
	}
}

/* ---- the process ---- */

static long nstake;
static long *leaders;			/* stakeholders with a steering/working role */
static size_t nleaders, aleaders;
static long *managers;			/* managers and management: trial owners */
static size_t nmanagers, amanagers;

static void keep(long **arr, size_t *n, size_t *a, long id)
{
	if (*n == *a) {
		*a = *a ? *a * 2 : 256;
		*arr = realloc(*arr, *a * sizeof(**arr));
		if (!*arr)
			die("out of memory", NULL);
	}
	(*arr)[(*n)++] = id;
}

static void organisation(struct text *t, int g, const char *town)
{
	t_reset(t);
	switch (g) {
	case POLITICIAN: t_add(t, "Kommuneqarfik Sermersooq, Kommunalbestyrelsen"); break;
	case MANAGEMENT: t_add(t, "Kommuneqarfik Sermersooq, Direktionen"); break;
	case MANAGER: case EMPLOYEE:
		t_add(t, "Kommuneqarfik Sermersooq, ");
		t_add(t, PICK(units));
		t_add(t, " i ");
		t_add(t, town);
		break;
	case CITIZEN: break;
	case ASSOCIATION:
		switch (rnd(4)) {
		case 0: t_add(t, town); t_add(t, " Idrætsforening, bestyrelsen"); break;
		case 1: t_add(t, "Ældreforeningen i "); t_add(t, town); break;
		case 2: t_add(t, "Kvindeforeningen i "); t_add(t, town); break;
		default: t_add(t, "Ungdomsrådet i Sermersooq");
		}
		break;
	case BUSINESS:
		switch (rnd(3)) {
		case 0: t_add(t, "Arctic Byg & Anlæg A/S"); break;
		case 1: t_add(t, town); t_add(t, " Havfisk ApS"); break;
		default: t_add(t, "Qajaq Tours, "); t_add(t, town);
		}
		break;
	case EDUCATION: t_add(t, town); t_add(t, rnd(2) ? " Erhvervsskole" : " Højskole, Socialpædagogisk linje"); break;
	case PARTNER: t_add(t, "Sundhedsvæsenet, Sygehuset i "); t_add(t, town); break;
	case CONSULTANT: t_add(t, "Arktisk Procesrådgivning ApS"); break;
	default: t_add(t, "Lokalradioen i "); t_add(t, town);
	}
}

static void gen_stakeholders(struct out *o)
{
	struct text name, org, mail, phone, note;
	const char *roles[4], *tg[3];

	header(o, "id,name,group,organisation,town,email,phone,roles,allocation,influence,interest,tags,notes");
	for (long id = 1; id <= nstake; id++) {
		/* the first is the mayor, who owns the process */
		int g = id == 1 ? POLITICIAN : (int)weighted(group_weight, COUNT(group_weight));
		const char *town = g == CONSULTANT ? "København" : PICK(towns);
		const char *first = PICK(first_names), *last = PICK(surnames);
		const char *middle = chance(12) ? PICK(middle_names) : NULL;
		size_t nroles = 0, ntags;
		long alloc = -1;
		int internal = g <= EMPLOYEE;
		const char *infl, *intr;

		t_reset(&name);
		t_add(&name, first);
		t_add(&name, " ");
		if (middle) {
			t_add(&name, middle);
			t_add(&name, " ");
		}
		t_add(&name, last);
		organisation(&org, g, town);

		t_reset(&mail);
		if (chance(internal || g == CONSULTANT ? 70 : 20)) {
			t_ascii(&mail, first);
			t_add(&mail, ".");
			t_ascii(&mail, last);
			if (id > 100)
				t_long(&mail, id % 9973);
			t_add(&mail, !strcmp(town, "København") || !strcmp(town, "Aarhus") ?
			      "@example.dk" : "@example.gl");
		}
		t_reset(&phone);
		if (chance(30)) {
			if (!strcmp(town, "København") || !strcmp(town, "Aarhus")) {
				t_add(&phone, "+45 ");
				for (int k = 0; k < 4; k++) {
					t_digits(&phone, 2);
					if (k < 3)
						t_add(&phone, " ");
				}
			} else {
				t_add(&phone, "+299 ");
				t_digits(&phone, 2);
				t_add(&phone, " ");
				t_digits(&phone, 2);
				t_add(&phone, " ");
				t_digits(&phone, 2);
			}
		}

		if (id == 1) {
			roles[nroles++] = "owner";
			roles[nroles++] = "steering";
		} else if ((internal || g == CONSULTANT) && chance(g == EMPLOYEE ? 3 : 20)) {
			nroles = pick_distinct(roles_of_steering, COUNT(roles_of_steering),
					       (size_t)between(1, 2), roles);
			alloc = 5 * between(1, 10);
		} else {
			roles[nroles++] = "participant";
		}
		if (nroles && strcmp(roles[0], "participant"))
			keep(&leaders, &nleaders, &aleaders, id);
		if (g == MANAGER || g == MANAGEMENT)
			keep(&managers, &nmanagers, &amanagers, id);

		switch (g) {
		case POLITICIAN: case MANAGEMENT: infl = "high"; intr = PICK(levels); break;
		case MANAGER: case PARTNER: infl = rnd(2) ? "medium" : "high"; intr = "high"; break;
		case CITIZEN: infl = rnd(10) ? "low" : "medium"; intr = PICK(levels); break;
		default: infl = PICK(levels); intr = PICK(levels);
		}
		if (chance(8))
			infl = intr = NULL;
		ntags = pick_distinct(tags, COUNT(tags), rnd(4), tg);
		if (chance(45))
			t_note(&note, town);
		else
			t_reset(&note);

		rec_begin(o, "stakeholder");
		f_int("id", id);
		f_str("name", name.buf);
		f_str("group", groups[g]);
		f_str("organisation", org.buf);
		f_str("town", chance(3) ? NULL : town);
		f_str("email", mail.buf);
		f_str("phone", phone.buf);
		f_strlist("roles", roles, nroles);
		f_int("allocation", alloc);
		f_str("influence", infl);
		f_str("interest", intr);
		f_strlist("tags", tg, ntags);
		f_str("notes", note.buf);
		rec_end();
	}
	/* at 1,000 and more there are always some; keep the process sane at any size */
	if (!nleaders)
		keep(&leaders, &nleaders, &aleaders, 1);
	if (!nmanagers)
		keep(&managers, &nmanagers, &amanagers, 1);
}

static long nengage;
static long *part;		/* participants of engagement i at part[i * 16], count at [i*16+15] */

static void gen_engagements(struct out *o)
{
	struct text title, note;
	const char *th[4], *hk[3];
	long hn[3], ids[15];

	header(o, "id,date,kind,title,town,participants,headcount,themes,notes");
	part = calloc((size_t)nengage * 16 + 16, sizeof(long));
	if (!part)
		die("out of memory", NULL);
	for (long id = 1; id <= nengage; id++) {
		/* from 2020-01-06 to today, in date order */
		int day = DAY(1, 6) + (int)((id - 1) * (TODAY - DAY(1, 6) + 1) / nengage);
		size_t k = weighted(kind_weight, COUNT(kind_weight));
		const char *town = k == 4 ? NULL : PICK(towns);
		size_t np = pick_ids(nstake, (size_t)between(3, 15), ids);
		size_t nh = 0, nth;
		char date[11];

		memcpy(part + (id - 1) * 16, ids, np * sizeof(long));
		part[(id - 1) * 16 + 15] = (long)np;
		if (chance(70)) {
			static const char *const hgroups[] = { "citizen", "employee", "association",
				"business", "manager", "politician", "education" };
			nh = pick_distinct(hgroups, COUNT(hgroups), (size_t)between(1, 3), hk);
			for (size_t i = 0; i < nh; i++)
				hn[i] = k == 4 ? between(20, 400) : between(1, 40);
		}
		nth = pick_distinct(themes, COUNT(themes), (size_t)between(1, 4), th);
		t_reset(&title);
		t_add(&title, kind_words[k]);
		if (town) {
			t_add(&title, " i ");
			t_add(&title, town);
		}
		t_add(&title, rnd(3) ? " om " : ": ");
		t_add(&title, PICK(topics));
		if (chance(50)) {
			t_reset(&note);
			t_add(&note, rnd(2) ? "Kaffemik bagefter." : "Holdt på grønlandsk og dansk, med tolk.");
			if (rnd(3) == 0) {
				t_add(&note, " En deltager sagde: \"");
				t_add(&note, PICK(quotes));
				t_add(&note, "\"");
			} else if (rnd(4) == 0) {
				t_add(&note, "\nReferat: ");
				t_add(&note, PICK(note_middles));
			}
		} else {
			t_reset(&note);
		}

		rec_begin(o, "engagement");
		f_int("id", id);
		f_str("date", date_of(day, date));
		f_str("kind", kinds[k]);
		f_str("title", title.buf);
		f_str("town", town);
		f_idlist("participants", ids, np);
		f_counts("headcount", hk, hn, nh);
		f_strlist("themes", th, nth);
		f_str("notes", note.buf);
		rec_end();
	}
}

static void gen_inputs(struct out *o, long ninputs)
{
	struct text text, source;
	const char *th[3];

	header(o, "id,engagement,stakeholder,source,text,themes");
	for (long id = 1; id <= ninputs; id++) {
		long e = 1 + (id - 1) * nengage / ninputs;
		long *p = part + (e - 1) * 16;
		long who = chance(45) ? p[rnd((uint32_t)p[15])] : -1;
		size_t nth = pick_distinct(themes, COUNT(themes), (size_t)between(1, 3), th);

		t_reset(&source);
		if (chance(85)) {
			t_add(&source, PICK(sources));
			if (rnd(2)) {
				t_add(&source, ", ");
				t_add(&source, PICK(towns));
			}
		}
		t_quote(&text);
		rec_begin(o, "input");
		f_int("id", id);
		f_int("engagement", e);
		f_int("stakeholder", who);
		f_str("source", source.buf);
		f_str("text", text.buf);
		f_strlist("themes", th, nth);
		rec_end();
	}
}

/* ---- milestones: a fixed plan of 40 over the year ---- */

#define NMILESTONES 40
#define ROUND1 14		/* the milestone of round 1 of trials */
#define ROUND2 30		/* of round 2 */
static int ms_due[NMILESTONES + 1];

static void gen_milestones(struct out *o)
{
	static const char *const mkinds[] = { "gathering", "workshop", "seminar", "decision",
		"deliverable", "report", "decision", "other" };
	static const char *const mtitles[] = { "samling", "workshop med arbejdsgruppen",
		"temaseminar", "styregruppemøde", "udkast til grundfortællingen",
		"statusrapport til kommunalbestyrelsen", "beslutning i styregruppen",
		"borgermøde" };
	static const char *const ordinal[] = { "Første", "Anden", "Tredje", "Fjerde",
		"Femte", "Sjette" };
	struct text title, deliv, place, note;
	int counter[COUNT(mkinds)] = { 0 };

	header(o, "id,title,kind,start,due,baseline,status,done,owner,place,deliverables,depends,notes");
	for (long id = 1; id <= NMILESTONES; id++) {
		int due = DAY(1, 17) + (int)(id - 1) * 8;
		size_t k = (size_t)(id - 1) % COUNT(mkinds);
		const char *kind = mkinds[k];
		int start = due - (int)between(0, k == 0 || k == 4 ? 21 : 0);
		int baseline = due;
		const char *status = "planned";
		int done = -1;
		long deps[2];
		size_t nd = 0;
		char d1[11], d2[11], d3[11], d4[11];

		if (id == ROUND1 || id == ROUND2) {
			kind = "round";
			start = id == ROUND1 ? DAY(4, 1) : DAY(8, 10);
			due = id == ROUND1 ? DAY(5, 29) : DAY(10, 30);
			if (due < ms_due[id - 1])
				due = ms_due[id - 1];
			baseline = due;
		}
		/* a few moved: their baseline was earlier */
		if (id % 9 == 4 && id != ROUND1)
			baseline = due - 7 * (int)between(1, 2);
		ms_due[id] = due;
		if (due < TODAY) {
			if (id % 11 == 8) {
				status = "cancelled";
			} else if (id % 3 == 0 && due >= TODAY - 40) {
				status = "planned";	/* overdue */
			} else {
				status = "done";
				done = due + (int)between(0, 3);
				if (done > TODAY)
					done = TODAY;
			}
		}
		/* one or two of the last six, due no later than this one */
		if (id > 1) {
			long pick[2];
			size_t np = pick_ids(id - 1 < 6 ? id - 1 : 6, (size_t)between(1, 2), pick);
			for (size_t i = 0; i < np; i++)
				if (ms_due[id - pick[i]] <= due)
					deps[nd++] = id - pick[i];
		}

		t_reset(&title);
		if (id == ROUND1 || id == ROUND2) {
			t_add(&title, id == ROUND1 ? "Første" : "Anden");
			t_add(&title, " runde prøvehandlinger");
		} else {
			t_add(&title, ordinal[counter[k] % COUNT(ordinal)]);
			t_add(&title, " ");
			t_add(&title, mtitles[k]);
			counter[k]++;
		}
		t_reset(&place);
		t_add(&place, rnd(3) ? "Nuuk" : "Tasiilaq, Paamiut og Nuuk");
		t_reset(&deliv);
		t_add(&deliv, "Opsamling på ");
		t_add(&deliv, PICK(topics));
		t_add(&deliv, ", forslag til ");
		t_add(&deliv, PICK(topics));
		t_add(&deliv, rnd(2) ? ", referat" : "");
		t_reset(&note);
		if (baseline != due)
			t_add(&note, "Flyttet, fordi kommunalbestyrelsens møde blev flyttet; se \"log\".");
		else if (chance(40))
			t_add(&note, "Holdes på grønlandsk og dansk.\nTolk bestilt.");

		rec_begin(o, "milestone");
		f_int("id", id);
		f_str("title", title.buf);
		f_str("kind", kind);
		f_str("start", date_of(start, d1));
		f_str("due", date_of(due, d2));
		f_str("baseline", date_of(baseline, d3));
		f_str("status", status);
		f_str("done", done >= 0 ? date_of(done, d4) : NULL);
		f_int("owner", leaders[rnd((uint32_t)nleaders)]);
		f_str("place", place.buf);
		f_str("deliverables", deliv.buf);
		f_idlist("depends", deps, nd);
		f_str("notes", note.buf);
		rec_end();
	}
}

/* ---- trials and their learnings ---- */

struct trial {
	int start, end;		/* -1: none */
	long owner;
	long participants[6];
	size_t np;
	int finished;		/* done or evaluated: it has learnings */
};

static struct trial *trials;

static void gen_trials(struct out *o, long ntrials)
{
	static const char *const what[] = {
		"En borger en dag i børnehaven", "Ungdomsråd", "Åben skole-dag",
		"Plejehjem og jobcenter: ledige som hverdagshjælpere", "Borgerservice med til bygden",
		"Fodbold og sundhedssnak efter skoletid", "Fælles frokost i forsamlingshuset",
		"Visionen i én sætning", "Borgerne prioriterer vintervedligeholdet",
		"Praktik på fiskefabrikken", "Tilflytterkaffe på biblioteket", "Lektiecafé med ældreforeningen",
		"Gymnasieelever som digitale hjælpere for ældre", "Bygdens egen anlægsliste",
		"Tilbudsmesse for familier", "Trivselsmåling på én side",
	};
	static const char *const status1[] = { "evaluated", "evaluated", "evaluated", "evaluated",
		"done", "done", "done", "running", "running", "stopped", "rejected", "approved" };
	static const char *const status2[] = { "idea", "idea", "idea", "proposed", "proposed",
		"proposed", "proposed", "approved", "approved", "rejected" };
	static const char *const outcomes[] = { "adopt", "adopt", "adapt", "drop" };
	struct text title, desc, unit;
	const char *th[3];

	header(o, "id,title,description,status,owner,unit,department,round,track,themes,start,end,participants,outcome,milestone");
	trials = calloc((size_t)ntrials + 1, sizeof(*trials));
	if (!trials)
		die("out of memory", NULL);
	for (long id = 1; id <= ntrials; id++) {
		struct trial *t = &trials[id];
		int round = id <= ntrials * 3 / 5 ? 1 : 2;
		const char *status = round == 1 ? PICK(status1) : PICK(status2);
		const char *town = PICK(towns);
		const char *outcome = NULL;
		size_t nth = pick_distinct(themes, COUNT(themes), (size_t)between(1, 3), th);
		char d1[11], d2[11];

		if (round == 1) {
			t->start = DAY(4, 1) + (int)between(0, 20);
			t->end = t->start + (int)between(4, 55);
		} else if (!strcmp(status, "idea") && chance(30)) {
			t->start = t->end = -1;
		} else {
			t->start = DAY(8, 10) + (int)between(0, 30);
			t->end = t->start + (int)between(4, 50);
		}
		if (!strcmp(status, "evaluated"))
			outcome = PICK(outcomes);
		t->finished = !strcmp(status, "done") || !strcmp(status, "evaluated");
		t->owner = managers[rnd((uint32_t)nmanagers)];
		t->np = pick_ids(nstake, (size_t)between(2, 6), t->participants);

		t_reset(&title);
		t_add(&title, PICK(what));
		t_add(&title, rnd(2) ? " i " : " – ");
		t_add(&title, town);
		t_reset(&desc);
		t_add(&desc, "Enheden afprøver idéen i ");
		t_add(&desc, town);
		t_add(&desc, ", sammen med borgere, foreninger og ");
		t_add(&desc, PICK(units));
		t_add(&desc, ". Målet: \"");
		t_add(&desc, PICK(quotes));
		t_add(&desc, "\"");
		if (chance(15))
			t_add(&desc, "\nAftalt med lederen og tillidsrepræsentanten.");
		t_reset(&unit);
		t_add(&unit, PICK(units));
		t_add(&unit, ", ");
		t_add(&unit, town);

		rec_begin(o, "trial");
		f_int("id", id);
		f_str("title", title.buf);
		f_str("description", desc.buf);
		f_str("status", status);
		f_int("owner", t->owner);
		f_str("unit", unit.buf);
		f_str("department", PICK(departments));
		f_int("round", round);
		f_str("track", PICK(tracks));
		f_strlist("themes", th, nth);
		f_str("start", t->start >= 0 ? date_of(t->start, d1) : NULL);
		f_str("end", t->end >= 0 ? date_of(t->end, d2) : NULL);
		f_idlist("participants", t->participants, t->np);
		f_str("outcome", outcome);
		f_int("milestone", round == 1 ? ROUND1 : ROUND2);
		rec_end();
	}
}

static void gen_learnings(struct out *o, long ntrials)
{
	struct text text, quote;
	long id = 0;

	header(o, "id,trial,date,author,text");
	for (long tr = 1; tr <= ntrials; tr++) {
		struct trial *t = &trials[tr];
		if (!t->finished)
			continue;
		for (int k = 0; k < 2; k++) {
			int last = t->end + 14 < TODAY ? t->end + 14 : TODAY;
			int day = t->start + (int)between(0, last - t->start);
			long author = rnd(3) ? t->owner : t->participants[rnd((uint32_t)t->np)];
			char d[11];

			t_quote(&quote);
			t_reset(&text);
			t_add(&text, k ? "Det, vi tager med: " : "Borgerne sagde det selv: ");
			t_add(&text, quote.buf);
			rec_begin(o, "learning");
			f_int("id", ++id);
			f_int("trial", tr);
			f_str("date", date_of(day, d));
			f_int("author", author);
			f_str("text", text.buf);
			rec_end();
		}
	}
}

int main(int argc, char **argv)
{
	struct out s, e, in, m, t, l;
	char *end;
	long n, ntrials;

	if (argc != 3) {
		fprintf(stderr, "usage: gen N DIR\n  writes a process of N stakeholders to DIR "
			"(stakeholders.csv ... learnings.csv, all.jsonl)\n");
		return 2;
	}
	errno = 0;
	n = strtol(argv[1], &end, 10);
	if (errno || *end || n < 20 || n > 100000000) {
		fprintf(stderr, "gen: N must be a whole number from 20 to 100000000\n");
		return 2;
	}
	nstake = n;
	nengage = n / 20;
	ntrials = n / 500 < 24 ? 24 : n / 500;

	out_open(&jsonl, argv[2], "all.jsonl");
	out_open(&s, argv[2], "stakeholders.csv");
	out_open(&e, argv[2], "engagements.csv");
	out_open(&in, argv[2], "inputs.csv");
	out_open(&m, argv[2], "milestones.csv");
	out_open(&t, argv[2], "trials.csv");
	out_open(&l, argv[2], "learnings.csv");
	gen_stakeholders(&s);
	gen_engagements(&e);
	gen_inputs(&in, n / 10);
	gen_milestones(&m);
	gen_trials(&t, ntrials);
	gen_learnings(&l, ntrials);
	out_close(&s);
	out_close(&e);
	out_close(&in);
	out_close(&m);
	out_close(&t);
	out_close(&l);
	out_close(&jsonl);
	free(leaders);
	free(managers);
	free(part);
	free(trials);
	return 0;
}
