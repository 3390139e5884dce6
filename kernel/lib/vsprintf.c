/* vsprintf.c - printf-style formatting into a bounded buffer.
 *
 * The conversions the kernel uses, with C's meaning: %d %i %u %x %X %o %c %s %p %%, length
 * modifiers hh h l ll z t, flags '-' '0' '+' ' ' '#', width and precision (either may be '*').
 * %p prints "0x" and 16 hex digits (a fixed width lines up addresses in backtraces).
 * A format is read left to right by a tiny state machine: parse_spec() fills a struct
 * format_spec, then emit_number() or emit_string() writes the converted field. Output past the
 * buffer is counted but not stored, so the return value is the length the full string would
 * have had, as in C.
 * Pure: host unit tests compare it with the C library's snprintf.
 * See also: kernel/lib/printk.c. Linux: lib/vsprintf.c. */
#include "vsprintf.h"
#include "compiler.h"
#include "string.h"

struct format_spec {
	bool left;		/* '-': pad on the right */
	bool zero;		/* '0': pad numbers with zeros */
	bool plus;		/* '+': sign on positive numbers */
	bool space;		/* ' ': a space where '+' would go */
	bool alt;		/* '#': 0x prefix for hex, 0 for octal */
	int width;		/* minimum field width, 0 = none */
	int precision;		/* -1 = none */
	int length;		/* 0 int, 'H' char, 'h' short, 'l' long, 'L' long long, 'z', 't' */
	char conv;		/* the conversion character */
};

struct out_buf {
	char *buf;
	size_t size;
	size_t len;		/* characters produced so far, stored or not */
};

static void put(struct out_buf *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void put_repeat(struct out_buf *o, char c, int n)
{
	while (n-- > 0)
		put(o, c);
}

static const char *parse_flags(const char *f, struct format_spec *s)
{
	for (;; f++) {
		if (*f == '-')
			s->left = true;
		else if (*f == '0')
			s->zero = true;
		else if (*f == '+')
			s->plus = true;
		else if (*f == ' ')
			s->space = true;
		else if (*f == '#')
			s->alt = true;
		else
			return f;
	}
}

static const char *parse_int(const char *f, int *out, va_list *ap)
{
	if (*f == '*') {
		*out = va_arg(*ap, int);
		return f + 1;
	}
	*out = 0;
	while (*f >= '0' && *f <= '9')
		*out = *out * 10 + (*f++ - '0');
	return f;
}

static const char *parse_length(const char *f, struct format_spec *s)
{
	if (f[0] == 'h' && f[1] == 'h')
		return s->length = 'H', f + 2;
	if (f[0] == 'l' && f[1] == 'l')
		return s->length = 'L', f + 2;
	if (*f == 'h' || *f == 'l' || *f == 'z' || *f == 't')
		return s->length = *f, f + 1;
	return f;
}

/* parse_spec() - read one conversion specification after '%'; returns what follows it. */
static const char *parse_spec(const char *f, struct format_spec *s, va_list *ap)
{
	memset(s, 0, sizeof(*s));
	s->precision = -1;
	f = parse_flags(f, s);
	f = parse_int(f, &s->width, ap);
	if (s->width < 0) {	/* a negative '*' width means '-' */
		s->left = true;
		s->width = -s->width;
	}
	if (*f == '.') {
		f = parse_int(f + 1, &s->precision, ap);
		if (s->precision < 0)
			s->precision = -1;
	}
	f = parse_length(f, s);
	s->conv = *f;
	return *f ? f + 1 : f;
}

static unsigned long long fetch_unsigned(const struct format_spec *s, va_list *ap)
{
	switch (s->length) {
	case 'H': return (unsigned char)va_arg(*ap, unsigned int);
	case 'h': return (unsigned short)va_arg(*ap, unsigned int);
	case 'l': return va_arg(*ap, unsigned long);
	case 'L': return va_arg(*ap, unsigned long long);
	case 'z': return va_arg(*ap, size_t);
	case 't': return (unsigned long long)va_arg(*ap, ptrdiff_t);
	default: return va_arg(*ap, unsigned int);
	}
}

static long long fetch_signed(const struct format_spec *s, va_list *ap)
{
	switch (s->length) {
	case 'H': return (signed char)va_arg(*ap, int);
	case 'h': return (short)va_arg(*ap, int);
	case 'l': return va_arg(*ap, long);
	case 'L': return va_arg(*ap, long long);
	case 'z': return va_arg(*ap, long);	/* the signed size_t */
	case 't': return va_arg(*ap, ptrdiff_t);
	default: return va_arg(*ap, int);
	}
}

/* emit_number() - one integer field: [spaces][sign or 0x][zeros][digits][spaces]. */
static void emit_number(struct out_buf *o, const struct format_spec *s, unsigned long long v,
			const char *sign, unsigned int base)
{
	const char *digits = s->conv == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int n = 0, precision = s->precision < 0 ? 1 : s->precision;
	const char *prefix = sign;
	int pad;

	for (; v; v /= base)
		tmp[n++] = digits[v % base];
	if (s->alt && base == 16 && n > 0)
		prefix = s->conv == 'X' ? "0X" : "0x";
	if (s->alt && base == 8 && precision <= n)
		precision = n + 1;	/* '#' with octal: make sure a leading 0 is printed */
	if (precision < n)
		precision = n;
	pad = s->width - precision - (int)strlen(prefix);
	if (!s->left && !(s->zero && s->precision < 0))
		put_repeat(o, ' ', pad);
	while (*prefix)
		put(o, *prefix++);
	if (!s->left && s->zero && s->precision < 0)
		put_repeat(o, '0', pad);
	put_repeat(o, '0', precision - n);
	while (n > 0)
		put(o, tmp[--n]);
	if (s->left)
		put_repeat(o, ' ', pad);
}

/* emit_string() - @str, cut at the precision, padded to the width. */
static void emit_string(struct out_buf *o, const struct format_spec *s, const char *str)
{
	size_t n;
	int pad;

	if (!str)
		str = "(null)";
	n = s->precision < 0 ? strlen(str) : strnlen(str, (size_t)s->precision);
	pad = s->width - (int)n;
	if (!s->left)
		put_repeat(o, ' ', pad);
	for (size_t i = 0; i < n; i++)
		put(o, str[i]);
	if (s->left)
		put_repeat(o, ' ', pad);
}

static void emit_signed(struct out_buf *o, const struct format_spec *s, long long v)
{
	const char *sign = v < 0 ? "-" : s->plus ? "+" : s->space ? " " : "";
	unsigned long long mag = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;

	emit_number(o, s, mag, sign, 10);
}

/* emit_pointer() - "0x" and 16 hex digits, always (our choice; C leaves %p to the library). */
static void emit_pointer(struct out_buf *o, struct format_spec *s, const void *p)
{
	s->alt = false;
	s->precision = 16;
	s->conv = 'x';
	put(o, '0');
	put(o, 'x');
	s->width = s->width > 2 ? s->width - 2 : 0;
	emit_number(o, s, (unsigned long long)(uintptr_t)p, "", 16);
}

/* emit_conversion() - one '%' conversion, its argument taken from @ap. */
static void emit_conversion(struct out_buf *o, struct format_spec *s, va_list *ap)
{
	char c;

	switch (s->conv) {
	case 'd':
	case 'i':
		return emit_signed(o, s, fetch_signed(s, ap));
	case 'u':
		return emit_number(o, s, fetch_unsigned(s, ap), "", 10);
	case 'x':
	case 'X':
		return emit_number(o, s, fetch_unsigned(s, ap), "", 16);
	case 'o':
		return emit_number(o, s, fetch_unsigned(s, ap), "", 8);
	case 'p':
		return emit_pointer(o, s, va_arg(*ap, void *));
	case 's':
		return emit_string(o, s, va_arg(*ap, const char *));
	case 'c':
		c = (char)va_arg(*ap, int);
		s->precision = 1;
		return emit_string(o, s, &c);
	case '%':
		return put(o, '%');
	default:	/* unknown: print it as written, so the mistake is visible */
		put(o, '%');
		if (s->conv)
			put(o, s->conv);
	}
}

/**
 * vsnprintf() - format @fmt with @ap into @buf of @size bytes.
 * Context: any; pure. Return: the length of the complete output (excluding the NUL), which
 * is >= @size when the output was truncated.
 */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out_buf o = { buf, size, 0 };
	struct format_spec spec;
	va_list args;

	va_copy(args, ap);
	while (*fmt) {
		if (*fmt != '%') {
			put(&o, *fmt++);
			continue;
		}
		fmt = parse_spec(fmt + 1, &spec, &args);
		emit_conversion(&o, &spec, &args);
	}
	va_end(args);
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return (int)o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
