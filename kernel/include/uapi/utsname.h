/* uapi/utsname.h - what uname(2) returns (Linux: struct new_utsname, linux/utsname.h). */
#ifndef REAPER_UAPI_UTSNAME_H
#define REAPER_UAPI_UTSNAME_H

#define NEW_UTS_LEN	64	/* characters; each field has one more byte for the NUL */

struct new_utsname {
	char sysname[NEW_UTS_LEN + 1];
	char nodename[NEW_UTS_LEN + 1];
	char release[NEW_UTS_LEN + 1];
	char version[NEW_UTS_LEN + 1];
	char machine[NEW_UTS_LEN + 1];
	char domainname[NEW_UTS_LEN + 1];
};

#endif
