/*
 * file.c: the store's file before SQLite opens it: where it is, whether
 * it is one, whether this process may write it, how a reader opens it.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "store-internal.h"
#include "strbuf.h"
#include "utf8.h"

const char *vk_store_path(const char *path)
{
	const char *env;

	if (path && *path)
		return path;
	env = getenv("VK_DB");
	if (env && *env)
		return env;
	return "vk.db";
}

bool vk_store_absent(const char *path)
{
	struct stat st;

	path = vk_store_path(path);
	if (stat(path, &st) < 0)
		return errno == ENOENT;
	return S_ISREG(st.st_mode) && st.st_size == 0;
}

int sq_lock_timeout(void)
{
	const char *v = getenv("VK_LOCK_TIMEOUT");
	char *end;
	long n;

	if (!v || !*v)
		return 10;
	errno = 0;
	n = strtol(v, &end, 10);
	if (errno || *end || n < 0 || n > 86400) {
		struct strbuf q = STRBUF_INIT;
		utf8_addquoted(&q, v);
		vk_die(VK_EXIT_USAGE, "VK_LOCK_TIMEOUT: %s is not a number of seconds (0-86400)", q.buf);
	}
	return (int)n;
}

_Noreturn void sq_not_a_store(const char *path)
{
	vk_die(VK_EXIT_DATAERR, "%s: not a vk database", path);
}

/*
 * Reads the file's first 100 bytes, refusing a file that is not empty yet
 * does not begin as every SQLite database does (SQLite itself takes a
 * file of one byte for an empty database, and would write over it);
 * returns true when its header says WAL mode (bytes 18 and 19: 2).
 */
bool sq_check_header(const char *path)
{
	static const char magic[16] = "SQLite format 3";
	unsigned char head[100];
	ssize_t n;
	size_t got = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		vk_die(VK_EXIT_NOINPUT, "%s: %s", path, strerror(errno));
	while (got < sizeof(head) && (n = read(fd, head + got, sizeof(head) - got)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int e = errno;
			close(fd);
			vk_die(e == EISDIR ? VK_EXIT_NOINPUT : VK_EXIT_IOERR, "%s: %s", path,
			       strerror(e));
		}
		got += (size_t)n;
	}
	close(fd);
	if (got > 0 && (got < sizeof(head) || memcmp(head, magic, sizeof(magic))))
		sq_not_a_store(path);
	return got > 0 && head[18] == 2 && head[19] == 2;
}

/* True when path plus suffix ("-wal") names a file that exists. */
static bool beside_exists(const char *path, const char *suffix)
{
	struct strbuf name = STRBUF_INIT;
	struct stat st;
	bool found;

	strbuf_addf(&name, "%s%s", path, suffix);
	found = stat(name.buf, &st) == 0;
	strbuf_release(&name);
	return found;
}

/* The directory path is in ("." for a bare name), in dir. */
static void directory_of(const char *path, struct strbuf *dir)
{
	const char *slash = strrchr(path, '/');

	strbuf_reset(dir);
	if (!slash)
		strbuf_addch(dir, '.');
	else if (slash == path)
		strbuf_addch(dir, '/');
	else
		strbuf_add(dir, path, (size_t)(slash - path));
}

/*
 * A writer needs to write the file and, for its journal (-journal, -wal,
 * -shm), the directory: refuses (73) with the system's reason when it
 * may not, before SQLite would open the file read-only behind its back.
 */
void sq_check_writable(const char *path)
{
	struct strbuf dir = STRBUF_INIT;

	if (access(path, W_OK) < 0)
		vk_die(VK_EXIT_CANTCREAT, "%s: cannot write the store: %s", path, strerror(errno));
	directory_of(path, &dir);
	if (access(dir.buf, W_OK | X_OK) < 0)
		vk_die(VK_EXIT_CANTCREAT, "%s: cannot write in %s, where the store keeps its "
		       "journal while it changes: %s", path, dir.buf, strerror(errno));
	strbuf_release(&dir);
}

/*
 * The URI that opens path read-only. A store in WAL mode without a -wal
 * file beside it was closed cleanly by its last writer but left in WAL
 * mode (by a vk before stores went back to rollback mode on close): SQLite
 * would create -wal and -shm to read it, which a reader must not (and
 * cannot where it may not write the directory). Then its file holds every
 * commit, and it is read as immutable.
 */
void sq_read_only_uri(const char *path, bool wal, struct strbuf *uri)
{
	static const char hex[] = "0123456789ABCDEF";

	strbuf_addstr(uri, "file:");
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if (*p == '%' || *p == '?' || *p == '#' || *p <= ' ' || *p >= 0x7f) {
			strbuf_addch(uri, '%');
			strbuf_addch(uri, hex[*p >> 4]);
			strbuf_addch(uri, hex[*p & 15]);
		} else {
			strbuf_addch(uri, (char)*p);
		}
	}
	strbuf_addstr(uri, "?mode=ro");
	if (wal && !beside_exists(path, "-wal"))
		strbuf_addstr(uri, "&immutable=1");
}

/*
 * A write that was cut off (a killed process) leaves a hot journal that
 * a read-only connection cannot roll back. Rolling it back restores what
 * the store held before that write, which is no change of its data:
 * done here by a read-write connection when this process may write,
 * before the read-only one opens. Otherwise the reader says who can.
 */
void sq_roll_back_cut_write(const char *path)
{
	struct strbuf journal = STRBUF_INIT;
	struct stat st;
	sqlite3 *db = NULL;

	strbuf_addf(&journal, "%s-journal", path);
	if (stat(journal.buf, &st) < 0 || st.st_size == 0) {
		strbuf_release(&journal);
		return;
	}
	if (access(path, W_OK) < 0)
		vk_die(VK_EXIT_CANTCREAT, "%s: a write to it was cut off and its journal (%s) must "
		       "be rolled back by one who may write the store: run a vk command that "
		       "changes it, as its owner", path, journal.buf);
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK) {
		sqlite3_busy_timeout(db, sq_lock_timeout() * 1000);
		sqlite3_exec(db, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL);
	}
	sqlite3_close(db);
	strbuf_release(&journal);
}
