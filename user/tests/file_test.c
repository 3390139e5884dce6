/* file_test.c - files and directories through the file syscalls, in a fresh directory in /tmp.
 *
 * Each case makes its own directory (mkdtemp under /tmp), works inside it, removes what it
 * made and checks the directory is empty by removing it too, so cases are independent and the
 * suite leaves nothing behind, under reaper (ramfs) and on the Linux host alike. Every value
 * checked is what Linux returns: sizes, offsets, st_mode type bits, link counts, the names
 * getdents64 lists, errno of each misuse.
 * See also: kernel/fs/ (the VFS, ramfs), tap.h. */
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "tap.h"

static char dir[64];	/* the running case's directory */
static char path_buf[4][128];

/* in_dir() - "DIR/name"; up to four paths at once (rotating buffers). */
static const char *in_dir(const char *name)
{
	static int next;
	char *p = path_buf[next++ % 4];

	snprintf(p, sizeof(path_buf[0]), "%s/%s", dir, name);
	return p;
}

static bool make_dir(void)
{
	snprintf(dir, sizeof(dir), "/tmp/file_test.XXXXXX");
	return mkdtemp(dir) != NULL || tap_fail(__FILE__, __LINE__, "mkdtemp failed");
}

/* remove_dir() - the case's last check: its directory is empty again and goes. */
static void remove_dir(void)
{
	EXPECT_OK(rmdir(dir));
}

/* write_file() - create @name holding @text. */
static bool write_file(const char *name, const char *text)
{
	int fd = open(in_dir(name), O_CREAT | O_WRONLY | O_TRUNC, 0644);
	ssize_t n;

	if (!EXPECT_OK(fd))
		return false;
	n = write(fd, text, strlen(text));
	close(fd);
	return EXPECT_EQ(n, (ssize_t)strlen(text));
}

/* file_is() - @name holds exactly @text. */
static bool file_is(const char *name, const char *text)
{
	char buf[256] = "";
	int fd = open(in_dir(name), O_RDONLY);
	ssize_t n;

	if (!EXPECT_OK(fd))
		return false;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (!EXPECT_OK(n))
		return false;
	buf[n] = '\0';
	return EXPECT_STREQ(buf, text);
}

static void create_write_read(void)
{
	char buf[32] = "";
	int fd;

	if (!make_dir())
		return;
	fd = open(in_dir("f"), O_CREAT | O_WRONLY | O_TRUNC, 0644);
	EXPECT_OK(fd);
	EXPECT_EQ(write(fd, "hello world", 11), 11);
	EXPECT_OK(close(fd));
	fd = open(in_dir("f"), O_RDONLY);
	EXPECT_EQ(read(fd, buf, sizeof(buf)), 11);
	EXPECT_STREQ(buf, "hello world");
	EXPECT_EQ(read(fd, buf, sizeof(buf)), 0);	/* end of file */
	EXPECT_ERRNO(write(fd, "x", 1), EBADF);		/* opened read-only */
	EXPECT_OK(close(fd));
	EXPECT_ERRNO(close(fd), EBADF);
	EXPECT_OK(unlink(in_dir("f")));
	remove_dir();
}

static void o_trunc_empties(void)
{
	int fd;

	if (!make_dir() || !write_file("f", "0123456789"))
		return;
	fd = open(in_dir("f"), O_WRONLY | O_TRUNC);
	EXPECT_OK(fd);
	close(fd);
	file_is("f", "");
	EXPECT_OK(unlink(in_dir("f")));
	remove_dir();
}

static void lseek_whence(void)
{
	char buf[8] = "";
	int fd;

	if (!make_dir() || !write_file("f", "abcdefghijklmnopqrstuvwxyz"))
		return;
	fd = open(in_dir("f"), O_RDWR);
	EXPECT_EQ(lseek(fd, 10, SEEK_SET), 10);
	EXPECT_EQ(read(fd, buf, 3), 3);
	EXPECT_STREQ(buf, "klm");
	EXPECT_EQ(lseek(fd, -3, SEEK_CUR), 10);
	EXPECT_EQ(lseek(fd, 0, SEEK_END), 26);
	EXPECT_EQ(lseek(fd, -1, SEEK_END), 25);
	EXPECT_ERRNO(lseek(fd, -100, SEEK_SET), EINVAL);
	EXPECT_ERRNO(lseek(fd, 0, 42), EINVAL);
	EXPECT_EQ(lseek(fd, 25, SEEK_CUR), 50);		/* past the end is allowed */
	EXPECT_EQ(read(fd, buf, 4), 0);
	EXPECT_EQ(write(fd, "!", 1), 1);		/* leaves a hole of zeros */
	EXPECT_EQ(pread(fd, buf, 4, 30), 4);
	EXPECT_EQ(buf[0] | buf[1] | buf[2] | buf[3], 0);
	EXPECT_EQ(lseek(fd, 0, SEEK_END), 51);
	close(fd);
	EXPECT_OK(unlink(in_dir("f")));
	remove_dir();
}

static void pread_pwrite_keep_offset(void)
{
	char buf[8] = "";
	int fd;

	if (!make_dir() || !write_file("f", "0123456789"))
		return;
	fd = open(in_dir("f"), O_RDWR);
	EXPECT_EQ(lseek(fd, 2, SEEK_SET), 2);
	EXPECT_EQ(pwrite(fd, "AB", 2, 6), 2);
	EXPECT_EQ(pread(fd, buf, 4, 5), 4);
	EXPECT_STREQ(buf, "5AB8");
	EXPECT_EQ(lseek(fd, 0, SEEK_CUR), 2);		/* unchanged by pread/pwrite */
	EXPECT_EQ(pread(fd, buf, 4, 100), 0);
	EXPECT_ERRNO(pread(fd, buf, 4, -1), EINVAL);
	close(fd);
	file_is("f", "012345AB89");
	EXPECT_OK(unlink(in_dir("f")));
	remove_dir();
}

static void truncate_and_ftruncate(void)
{
	struct stat st;
	char buf[4096];
	int fd;

	if (!make_dir() || !write_file("f", "abcdef"))
		return;
	fd = open(in_dir("f"), O_RDWR);
	EXPECT_OK(ftruncate(fd, 4096));
	EXPECT_OK(fstat(fd, &st));
	EXPECT_EQ(st.st_size, 4096);
	EXPECT_EQ(pread(fd, buf, sizeof(buf), 0), 4096);
	EXPECT_EQ(memcmp(buf, "abcdef\0\0", 8), 0);	/* grown with zeros */
	EXPECT_EQ(buf[4095], 0);
	EXPECT_OK(ftruncate(fd, 3));
	EXPECT_ERRNO(ftruncate(fd, -1), EINVAL);
	close(fd);
	file_is("f", "abc");
	EXPECT_OK(truncate(in_dir("f"), 0));
	EXPECT_OK(stat(in_dir("f"), &st));
	EXPECT_EQ(st.st_size, 0);
	EXPECT_ERRNO(truncate(in_dir("missing"), 0), ENOENT);
	EXPECT_ERRNO(truncate(dir, 0), EISDIR);
	EXPECT_OK(unlink(in_dir("f")));
	remove_dir();
}

static void rename_files_and_dirs(void)
{
	struct stat st;

	if (!make_dir() || !write_file("a", "A") || !write_file("b", "B"))
		return;
	EXPECT_OK(rename(in_dir("a"), in_dir("c")));
	EXPECT_ERRNO(stat(in_dir("a"), &st), ENOENT);
	file_is("c", "A");
	EXPECT_OK(rename(in_dir("c"), in_dir("b")));	/* replaces b */
	file_is("b", "A");
	EXPECT_ERRNO(rename(in_dir("missing"), in_dir("x")), ENOENT);
	EXPECT_OK(mkdir(in_dir("d1"), 0755));
	EXPECT_OK(rename(in_dir("d1"), in_dir("d2")));
	EXPECT_OK(stat(in_dir("d2"), &st));
	EXPECT_TRUE(S_ISDIR(st.st_mode));
	EXPECT_ERRNO(rename(in_dir("d2"), in_dir("b")), ENOTDIR);
	EXPECT_ERRNO(rename(in_dir("b"), in_dir("d2")), EISDIR);
	EXPECT_ERRNO(rename(dir, in_dir("d2/inside")), EINVAL);	/* into itself */
	EXPECT_OK(rmdir(in_dir("d2")));
	EXPECT_OK(unlink(in_dir("b")));
	remove_dir();
}

static void unlink_and_rmdir_errors(void)
{
	if (!make_dir() || !write_file("f", "x"))
		return;
	EXPECT_OK(mkdir(in_dir("d"), 0755));
	EXPECT_OK(mkdir(in_dir("d/sub"), 0755));
	EXPECT_ERRNO(unlink(in_dir("d")), EISDIR);
	EXPECT_ERRNO(rmdir(in_dir("d")), ENOTEMPTY);
	EXPECT_ERRNO(rmdir(in_dir("f")), ENOTDIR);
	EXPECT_ERRNO(unlink(in_dir("missing")), ENOENT);
	EXPECT_ERRNO(unlink(in_dir("f/x")), ENOTDIR);
	EXPECT_OK(rmdir(in_dir("d/sub")));
	EXPECT_OK(rmdir(in_dir("d")));
	EXPECT_OK(unlink(in_dir("f")));
	EXPECT_ERRNO(open(in_dir("f"), O_RDONLY), ENOENT);
	remove_dir();
}

static void mkdir_and_rmdir(void)
{
	struct stat st;

	if (!make_dir())
		return;
	EXPECT_OK(mkdir(in_dir("d"), 0755));
	EXPECT_OK(stat(in_dir("d"), &st));
	EXPECT_TRUE(S_ISDIR(st.st_mode));
	EXPECT_ERRNO(mkdir(in_dir("d"), 0755), EEXIST);
	EXPECT_ERRNO(mkdir(in_dir("no/such"), 0755), ENOENT);
	EXPECT_OK(rmdir(in_dir("d")));
	EXPECT_ERRNO(stat(in_dir("d"), &st), ENOENT);
	EXPECT_ERRNO(rmdir(in_dir("d")), ENOENT);
	remove_dir();
}

/* expect_listing() - readdir(@path) lists exactly ".", ".." and @names (with their d_type). */
static void expect_listing(const char *path, const char *const names[], const int types[],
			   int n)
{
	int seen[8] = { 0 }, dots = 0;
	DIR *d = opendir(path);
	struct dirent *e;

	if (!EXPECT_TRUE(d != NULL))
		return;
	while ((e = readdir(d)) != NULL) {
		int i = 0;

		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) {
			dots++;
			continue;
		}
		while (i < n && strcmp(e->d_name, names[i]))
			i++;
		if (EXPECT_TRUE(i < n) && EXPECT_EQ(e->d_type, types[i]))
			seen[i]++;
		else
			tap_note("unexpected entry \"%s\"", e->d_name);
	}
	closedir(d);
	EXPECT_EQ(dots, 2);
	for (int i = 0; i < n; i++)
		EXPECT_EQ(seen[i], 1);
}

static void getdents_lists_exactly_the_names(void)
{
	const char *const names[] = { "f1", "f2", "a-longer-file-name.txt", "d", "l" };
	const int types[] = { DT_REG, DT_REG, DT_REG, DT_DIR, DT_LNK };

	if (!make_dir())
		return;
	expect_listing(dir, names, types, 0);
	write_file("f1", "1");
	write_file("f2", "2");
	write_file("a-longer-file-name.txt", "3");
	EXPECT_OK(mkdir(in_dir("d"), 0755));
	EXPECT_OK(symlink("f1", in_dir("l")));
	expect_listing(dir, names, types, 5);
	EXPECT_OK(unlink(in_dir("f2")));
	{
		const char *const left[] = { "f1", "a-longer-file-name.txt", "d", "l" };
		const int left_types[] = { DT_REG, DT_REG, DT_DIR, DT_LNK };

		expect_listing(dir, left, left_types, 4);
	}
	unlink(in_dir("f1"));
	unlink(in_dir("a-longer-file-name.txt"));
	unlink(in_dir("l"));
	rmdir(in_dir("d"));
	remove_dir();
}

static void symlink_and_readlink(void)
{
	char buf[64];
	struct stat st;

	if (!make_dir() || !write_file("target", "via link"))
		return;
	EXPECT_OK(symlink("target", in_dir("link")));
	memset(buf, 'X', sizeof(buf));
	EXPECT_EQ(readlink(in_dir("link"), buf, sizeof(buf)), 6);
	EXPECT_EQ(buf[6], 'X');				/* no NUL is added */
	EXPECT_EQ(readlink(in_dir("link"), buf, 3), 3);	/* truncated silently */
	EXPECT_EQ(memcmp(buf, "tar", 3), 0);
	EXPECT_OK(lstat(in_dir("link"), &st));
	EXPECT_TRUE(S_ISLNK(st.st_mode));
	EXPECT_EQ(st.st_size, 6);
	EXPECT_OK(stat(in_dir("link"), &st));
	EXPECT_TRUE(S_ISREG(st.st_mode));
	file_is("link", "via link");
	EXPECT_ERRNO(readlink(in_dir("target"), buf, sizeof(buf)), EINVAL);
	EXPECT_ERRNO(symlink("x", in_dir("target")), EEXIST);
	EXPECT_OK(symlink("nowhere", in_dir("dangling")));
	EXPECT_ERRNO(open(in_dir("dangling"), O_RDONLY), ENOENT);
	EXPECT_OK(unlink(in_dir("dangling")));
	EXPECT_OK(unlink(in_dir("link")));
	EXPECT_OK(unlink(in_dir("target")));
	remove_dir();
}

static void hard_link_counts(void)
{
	struct stat a, b;

	if (!make_dir() || !write_file("a", "shared"))
		return;
	EXPECT_OK(link(in_dir("a"), in_dir("b")));
	EXPECT_OK(stat(in_dir("a"), &a));
	EXPECT_OK(stat(in_dir("b"), &b));
	EXPECT_EQ(a.st_nlink, 2);
	EXPECT_EQ(a.st_ino, b.st_ino);
	EXPECT_ERRNO(link(in_dir("a"), in_dir("b")), EEXIST);
	EXPECT_ERRNO(link(dir, in_dir("dirlink")), EPERM);	/* no hard links to dirs */
	EXPECT_OK(unlink(in_dir("a")));
	EXPECT_OK(stat(in_dir("b"), &b));
	EXPECT_EQ(b.st_nlink, 1);
	file_is("b", "shared");
	EXPECT_OK(unlink(in_dir("b")));
	remove_dir();
}

static void stat_fields(void)
{
	struct stat st, fst;
	int fd;

	if (!make_dir() || !write_file("f", "12345"))
		return;
	EXPECT_OK(stat(in_dir("f"), &st));
	EXPECT_TRUE(S_ISREG(st.st_mode));
	EXPECT_EQ(st.st_size, 5);
	EXPECT_EQ(st.st_nlink, 1);
	EXPECT_EQ(st.st_mode & 0777, 0644 & ~umask(022));
	fd = open(in_dir("f"), O_RDONLY);
	EXPECT_OK(fstat(fd, &fst));
	EXPECT_EQ(fst.st_ino, st.st_ino);
	EXPECT_EQ(fst.st_size, 5);
	close(fd);
	EXPECT_OK(stat(dir, &st));
	EXPECT_TRUE(S_ISDIR(st.st_mode));
	EXPECT_EQ(st.st_nlink, 2);			/* "." and its name in /tmp */
	EXPECT_OK(mkdir(in_dir("sub"), 0755));
	EXPECT_OK(stat(dir, &st));
	EXPECT_EQ(st.st_nlink, 3);			/* plus "sub/.." */
	EXPECT_OK(fstatat(AT_FDCWD, in_dir("sub"), &st, 0));
	EXPECT_TRUE(S_ISDIR(st.st_mode));
	EXPECT_ERRNO(stat(in_dir("missing"), &st), ENOENT);
	EXPECT_ERRNO(fstat(-1, &st), EBADF);
	EXPECT_OK(rmdir(in_dir("sub")));
	EXPECT_OK(unlink(in_dir("f")));
	remove_dir();
}

static void dup_family(void)
{
	int fd, fd2;

	if (!make_dir() || !write_file("f", "0123456789"))
		return;
	fd = open(in_dir("f"), O_RDONLY);
	fd2 = dup(fd);
	EXPECT_NE(fd2, fd);
	EXPECT_EQ(lseek(fd, 4, SEEK_SET), 4);
	EXPECT_EQ(lseek(fd2, 0, SEEK_CUR), 4);		/* one open file, one offset */
	EXPECT_EQ(dup2(fd, 100), 100);
	EXPECT_EQ(lseek(100, 0, SEEK_CUR), 4);
	EXPECT_EQ(dup2(fd, fd), fd);
	/* musl's dup3() checks some cases itself; the raw syscall asks the kernel. */
	EXPECT_ERRNO(syscall(SYS_dup3, fd, fd, 0), EINVAL);
	EXPECT_EQ(dup3(fd, 101, O_CLOEXEC), 101);
	EXPECT_EQ(fcntl(101, F_GETFD), FD_CLOEXEC);
	EXPECT_EQ(fcntl(100, F_GETFD), 0);		/* dup2 clears close-on-exec */
	EXPECT_ERRNO(syscall(SYS_dup3, fd, 102, 0x4), EINVAL);	/* not O_CLOEXEC */
	close(100);
	close(101);
	EXPECT_ERRNO(dup(100), EBADF);
	EXPECT_ERRNO(dup2(100, 102), EBADF);
	EXPECT_ERRNO(dup2(fd, -1), EBADF);
	close(fd2);
	close(fd);
	EXPECT_OK(unlink(in_dir("f")));
	remove_dir();
}

static void fcntl_flags(void)
{
	int fd, low;

	if (!make_dir() || !write_file("f", ""))
		return;
	fd = open(in_dir("f"), O_RDWR | O_APPEND);
	EXPECT_EQ(fcntl(fd, F_GETFL) & O_ACCMODE, O_RDWR);
	EXPECT_TRUE(fcntl(fd, F_GETFL) & O_APPEND);
	EXPECT_OK(fcntl(fd, F_SETFL, O_NONBLOCK));
	EXPECT_TRUE(fcntl(fd, F_GETFL) & O_NONBLOCK);
	EXPECT_TRUE(!(fcntl(fd, F_GETFL) & O_APPEND));	/* SETFL replaced it */
	EXPECT_EQ(fcntl(fd, F_GETFL) & O_ACCMODE, O_RDWR);	/* access mode unchanged */
	EXPECT_EQ(fcntl(fd, F_GETFD), 0);
	EXPECT_OK(fcntl(fd, F_SETFD, FD_CLOEXEC));
	EXPECT_EQ(fcntl(fd, F_GETFD), FD_CLOEXEC);
	low = fcntl(fd, F_DUPFD, 50);
	EXPECT_TRUE(low >= 50);
	EXPECT_EQ(fcntl(low, F_GETFD), 0);
	close(low);
	low = fcntl(fd, F_DUPFD_CLOEXEC, 60);
	EXPECT_TRUE(low >= 60);
	EXPECT_EQ(fcntl(low, F_GETFD), FD_CLOEXEC);
	close(low);
	EXPECT_ERRNO(fcntl(-1, F_GETFD), EBADF);
	EXPECT_ERRNO(fcntl(fd, 9999), EINVAL);
	close(fd);
	EXPECT_OK(unlink(in_dir("f")));
	remove_dir();
}

static void o_append_writes_at_end(void)
{
	int fd;

	if (!make_dir() || !write_file("f", "ab"))
		return;
	fd = open(in_dir("f"), O_WRONLY | O_APPEND);
	EXPECT_EQ(lseek(fd, 0, SEEK_SET), 0);
	EXPECT_EQ(write(fd, "cd", 2), 2);
	EXPECT_EQ(lseek(fd, 0, SEEK_CUR), 4);
	close(fd);
	file_is("f", "abcd");
	EXPECT_OK(unlink(in_dir("f")));
	remove_dir();
}

static void o_excl_and_o_cloexec(void)
{
	int fd;

	if (!make_dir() || !write_file("f", ""))
		return;
	EXPECT_ERRNO(open(in_dir("f"), O_CREAT | O_EXCL | O_WRONLY, 0644), EEXIST);
	fd = open(in_dir("g"), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0644);
	EXPECT_OK(fd);
	EXPECT_EQ(fcntl(fd, F_GETFD), FD_CLOEXEC);
	close(fd);
	fd = open(in_dir("g"), O_RDONLY);
	EXPECT_EQ(fcntl(fd, F_GETFD), 0);
	close(fd);
	EXPECT_OK(unlink(in_dir("f")));
	EXPECT_OK(unlink(in_dir("g")));
	remove_dir();
}

static void open_errors(void)
{
	char longname[300];

	if (!make_dir() || !write_file("f", ""))
		return;
	EXPECT_ERRNO(open(in_dir("missing"), O_RDONLY), ENOENT);
	EXPECT_ERRNO(open(dir, O_WRONLY), EISDIR);
	EXPECT_ERRNO(open(in_dir("f"), O_RDONLY | O_DIRECTORY), ENOTDIR);
	EXPECT_ERRNO(open(in_dir("f/x"), O_RDONLY), ENOTDIR);
	memset(longname, 'n', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	EXPECT_ERRNO(open(longname, O_RDONLY), ENAMETOOLONG);	/* a component > 255 */
	EXPECT_ERRNO(open("", O_RDONLY), ENOENT);
	EXPECT_OK(unlink(in_dir("f")));
	remove_dir();
}

static void cwd_and_chdir(void)
{
	char old[PATH_MAX], now[PATH_MAX], tiny[4];

	if (!make_dir() || !write_file("f", "rel"))
		return;
	EXPECT_TRUE(getcwd(old, sizeof(old)) != NULL);
	EXPECT_OK(chdir(dir));
	EXPECT_TRUE(getcwd(now, sizeof(now)) != NULL);
	EXPECT_STREQ(now, dir);
	EXPECT_ERRNO(getcwd(tiny, sizeof(tiny)) ? 0 : -1, ERANGE);
	EXPECT_OK(access("f", F_OK));		/* relative to the new cwd */
	EXPECT_OK(mkdir("sub", 0755));
	EXPECT_OK(chdir("sub"));
	EXPECT_OK(chdir(".."));
	EXPECT_TRUE(getcwd(now, sizeof(now)) != NULL);
	EXPECT_STREQ(now, dir);
	EXPECT_ERRNO(chdir("f"), ENOTDIR);
	EXPECT_ERRNO(chdir("missing"), ENOENT);
	EXPECT_OK(rmdir("sub"));
	EXPECT_OK(unlink("f"));
	EXPECT_OK(chdir(old));
	remove_dir();
}

static void access_modes(void)
{
	if (!make_dir() || !write_file("f", ""))
		return;
	EXPECT_OK(access(in_dir("f"), F_OK));
	EXPECT_OK(access(in_dir("f"), R_OK | W_OK));
	EXPECT_OK(faccessat(AT_FDCWD, in_dir("f"), R_OK, 0));
	EXPECT_ERRNO(access(in_dir("missing"), F_OK), ENOENT);
	EXPECT_ERRNO(access(in_dir("f"), 0x40), EINVAL);	/* not a mode bit */
	EXPECT_OK(unlink(in_dir("f")));
	remove_dir();
}

static void large_file_round_trip(void)
{
	static unsigned char out[65536 + 123], in[sizeof(out)];
	int fd;

	if (!make_dir())
		return;
	for (size_t i = 0; i < sizeof(out); i++)
		out[i] = (unsigned char)(i * 7 + i / 251);
	fd = open(in_dir("big"), O_CREAT | O_RDWR | O_TRUNC, 0644);
	EXPECT_EQ(write(fd, out, sizeof(out)), (ssize_t)sizeof(out));
	EXPECT_EQ(pread(fd, in, sizeof(in), 0), (ssize_t)sizeof(in));
	EXPECT_EQ(memcmp(in, out, sizeof(out)), 0);
	close(fd);
	EXPECT_OK(unlink(in_dir("big")));
	remove_dir();
}

static const struct tap_case cases[] = {
	TAP_CASE(create_write_read),
	TAP_CASE(o_trunc_empties),
	TAP_CASE(lseek_whence),
	TAP_CASE(pread_pwrite_keep_offset),
	TAP_CASE(truncate_and_ftruncate),
	TAP_CASE(rename_files_and_dirs),
	TAP_CASE(unlink_and_rmdir_errors),
	TAP_CASE(mkdir_and_rmdir),
	TAP_CASE(getdents_lists_exactly_the_names),
	TAP_CASE(symlink_and_readlink),
	TAP_CASE(hard_link_counts),
	TAP_CASE(stat_fields),
	TAP_CASE(dup_family),
	TAP_CASE(fcntl_flags),
	TAP_CASE(o_append_writes_at_end),
	TAP_CASE(o_excl_and_o_cloexec),
	TAP_CASE(open_errors),
	TAP_CASE(cwd_and_chdir),
	TAP_CASE(access_modes),
	TAP_CASE(large_file_round_trip),
};

int main(int argc, char **argv)
{
	return TAP_MAIN("file", cases, argc, argv);
}
