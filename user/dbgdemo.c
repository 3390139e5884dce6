/* dbgdemo.c - the program to try dbg on: main() calls compute(), which calls square().
 *
 * It exists to be debugged (docs/dbg.md): three small functions that call each other, so
 * `bt` inside square() shows a chain of three frames, and one global, `calls`, that
 * `x calls` reads. compute(3) runs square() three times, so `break square` is hit three
 * times before the program prints "compute(3) = 14" and exits with status 0.
 *
 * Unlike the other programs it is built with -O0 -fno-omit-frame-pointer (user/user.mk), so
 * every function starts with the frame-pointer prologue (push %rbp; mov %rsp,%rbp) that
 * dbg's `break` steps past and `bt` walks, and nothing is inlined away; and its copy in the
 * image keeps its symbol table (tools/mkroot.sh), where dbg looks the names up.
 * tests/boots.txt (boot "dbg") and tests/dbg-on-linux.py drive one session over it.
 * See also: user/dbg.c, docs/dbg.md.
 */
#include <stdio.h>

long calls;			/* how many times square() has run so far */

long square(long x)
{
	calls++;
	return x * x;
}

/* compute() - 1*1 + 2*2 + ... + n*n, one call to square() per term. */
long compute(long n)
{
	long sum = 0;

	for (long i = 1; i <= n; i++)
		sum += square(i);
	return sum;
}

int main(void)
{
	printf("compute(3) = %ld\n", compute(3));
	return 0;
}
