/*
 * util.h: small macros any file may use (layer 0: it includes nothing of vk).
 */
#ifndef VK_UTIL_H
#define VK_UTIL_H

/*
 * 0, or a compile error when the array expression a is a pointer (an
 * array parameter, a pointer to the first element) instead of an array.
 */
#if defined(__GNUC__)
#define VK_BUILD_ASSERT_OR_ZERO(cond) (sizeof(char[1 - 2 * !(cond)]) - 1)
#define VK_BARF_UNLESS_AN_ARRAY(a) \
	VK_BUILD_ASSERT_OR_ZERO(!__builtin_types_compatible_p(__typeof__(a), __typeof__(&(a)[0])))
#else
#define VK_BARF_UNLESS_AN_ARRAY(a) 0
#endif

/* The number of elements of array a (not of a pointer: that does not compile). */
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]) + VK_BARF_UNLESS_AN_ARRAY(a))

#endif
