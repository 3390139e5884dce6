/* uapi/random.h - getrandom(2) flags (linux/random.h). */
#ifndef REAPER_UAPI_RANDOM_H
#define REAPER_UAPI_RANDOM_H

#define GRND_NONBLOCK	0x0001	/* do not wait for the pool to be seeded */
#define GRND_RANDOM	0x0002	/* /dev/random instead of /dev/urandom (no difference now) */
#define GRND_INSECURE	0x0004	/* never block, even unseeded */

#endif
