/* print.c: a report in the format -o asks for (see report.h: vk_report_format, vk_report_print) */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "report-internal.h"
#include "writer.h"

int vk_report_format(const struct vk_report_kind *k, const char *name,
		     struct vk_report_format *f)
{
	int doc;

	if (!name)
		name = "text";
	doc = vk_doc_format_from_name(name);
	if (doc >= 0) {
		*f = (struct vk_report_format){ .as = VK_REPORT_AS_DOC, .doc = (enum vk_doc_format)doc };
		return 0;
	}
	if (!strcmp(name, "email")) {
		*f = (struct vk_report_format){ .as = VK_REPORT_AS_MAIL };
		return 0;
	}
	if (!strcmp(name, "json")) {
		*f = (struct vk_report_format){ .as = VK_REPORT_AS_JSON };
		return 0;
	}
	enum vk_format rows = vk_format_from_name(name);
	if (!k->columns || (rows != VK_FORMAT_CSV && rows != VK_FORMAT_TSV && rows != VK_FORMAT_JSONL))
		return -1;
	*f = (struct vk_report_format){ .as = VK_REPORT_AS_ROWS, .rows = rows };
	return 0;
}

/* The report as a document for people: its title, then its body. */
static int print_doc(FILE *out, const struct vk_report_kind *k, json_t *r, enum vk_doc_format format)
{
	struct strbuf title = STRBUF_INIT, sub = STRBUF_INIT;
	struct vk_doc *d;

	k->title(r, &title, &sub);
	d = vk_doc_open(out, format, title.buf, sub.len ? sub.buf : NULL);
	k->render(d, r);
	strbuf_release(&title);
	strbuf_release(&sub);
	return vk_doc_close(d);
}

/*
 * The report as one e-mail message: the text and the HTML document as the
 * two parts of multipart/alternative, the title as the subject unless
 * headers give one.
 */
static int print_mail(FILE *out, const struct vk_report_kind *k, json_t *r,
		      const struct vk_mail *headers)
{
	struct vk_mail m = *headers;
	struct strbuf title = STRBUF_INIT, sub = STRBUF_INIT;
	char *text = NULL, *html = NULL;
	size_t text_len = 0, html_len = 0;
	FILE *t = open_memstream(&text, &text_len);
	FILE *h = open_memstream(&html, &html_len);
	int rc = t && h ? 0 : -1;

	if (!rc && (print_doc(t, k, r, VK_DOC_TEXT) < 0 || print_doc(h, k, r, VK_DOC_HTML) < 0))
		rc = -1;
	if (t && fclose(t))
		rc = -1;
	if (h && fclose(h))
		rc = -1;
	if (!rc) {
		if (!m.subject) {
			k->title(r, &title, &sub);
			m.subject = title.buf;
		}
		m.text = text;
		m.html = html;
		rc = vk_mail_write(out, &m, time(NULL));
	}
	free(text);
	free(html);
	strbuf_release(&title);
	strbuf_release(&sub);
	return rc;
}

/* The report's table, a record a row, as f asks (CSV for a spreadsheet too). */
static int print_rows(FILE *out, const struct vk_report_kind *k, json_t *r,
		      const struct vk_report_format *f)
{
	const struct vk_writer_options wo = { .format = f->rows, .excel = f->excel, .raw = f->raw };
	json_t *rows = k->rows(r, k->columns, k->ncolumns);
	struct vk_writer *w = vk_writer_open(out, &wo, k->columns, k->ncolumns);
	int rc = 0;
	size_t i;
	json_t *row;

	json_array_foreach(rows, i, row)
		if ((rc = vk_writer_row(w, row)) < 0)
			break;
	/* closed after a failed row too: errno stays the row's */
	int saved = errno;
	int closed = vk_writer_close(w);
	if (rc < 0)
		errno = saved;
	json_decref(rows);
	return rc < 0 ? rc : closed;
}

int vk_report_print(FILE *out, const struct vk_report_kind *k, json_t *r,
		    const struct vk_report_format *f)
{
	switch (f->as) {
	case VK_REPORT_AS_DOC:
		return print_doc(out, k, r, f->doc);
	case VK_REPORT_AS_ROWS:
		return print_rows(out, k, r, f);
	case VK_REPORT_AS_MAIL:
		return print_mail(out, k, r, &f->mail);
	case VK_REPORT_AS_JSON:
	default:
		/*
		 * 15 digits: a figure as it was typed (63.8, not
		 * 63.799999999999997), and the report's own, rounded to one
		 * or two decimals, as they were rounded
		 */
		if (json_dumpf(r, out, JSON_INDENT(1) | JSON_REAL_PRECISION(15)))
			return -1;
		return putc('\n', out) == EOF ? -1 : 0;
	}
}
