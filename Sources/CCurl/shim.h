#ifndef QUIVER_CCURL_SHIM_H
#define QUIVER_CCURL_SHIM_H
#include <curl/curl.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <fcntl.h>
#include <unistd.h>

// Typed wrappers for curl's variadic functions, which Swift cannot call.
static inline CURLcode quiver_curl_easy_setopt_long(CURL *h, CURLoption o, long v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode quiver_curl_easy_setopt_ptr(CURL *h, CURLoption o, const void *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode quiver_curl_easy_setopt_off(CURL *h, CURLoption o, curl_off_t v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode quiver_curl_easy_getinfo_long(CURL *h, CURLINFO i, long *v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode quiver_curl_easy_getinfo_ptr(CURL *h, CURLINFO i, char **v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode quiver_curl_easy_getinfo_off(CURL *h, CURLINFO i, curl_off_t *v) { return curl_easy_getinfo(h, i, v); }
static inline CURLMcode quiver_curl_multi_setopt_long(CURLM *m, CURLMoption o, long v) { return curl_multi_setopt(m, o, v); }
static inline CURLSHcode quiver_curl_share_setopt_long(CURLSH *s, CURLSHoption o, long v) { return curl_share_setopt(s, o, v); }

// Callbacks: a data callback (CURLOPT_WRITEFUNCTION, CURLOPT_HEADERFUNCTION) and the open-socket callback.
typedef size_t (*quiver_curl_data_callback)(char *data, size_t size, size_t count, void *context);
static inline CURLcode quiver_curl_easy_setopt_data_callback(CURL *h, CURLoption o, quiver_curl_data_callback f) {
    return curl_easy_setopt(h, o, f);
}
static inline CURLcode quiver_curl_easy_setopt_opensocket_callback(CURL *h, curl_opensocket_callback f) {
    return curl_easy_setopt(h, CURLOPT_OPENSOCKETFUNCTION, f);
}

// Macros Swift does not import.
static inline size_t quiver_curl_writefunc_pause(void) { return CURL_WRITEFUNC_PAUSE; }
static inline int quiver_curl_pause_cont(void) { return CURLPAUSE_CONT; }
static inline curl_socket_t quiver_curl_socket_bad(void) { return CURL_SOCKET_BAD; }

// The numeric address of a socket address curl is about to connect to ("127.0.0.1", "::1").
// Returns 0 on success, -1 for an unknown family or a too small buffer.
static inline int quiver_curl_sockaddr_ip(const struct curl_sockaddr *a, char *buffer, socklen_t length) {
    if (a->family == AF_INET) {
        const struct sockaddr_in *in4 = (const struct sockaddr_in *)&a->addr;
        return inet_ntop(AF_INET, &in4->sin_addr, buffer, length) ? 0 : -1;
    }
    if (a->family == AF_INET6) {
        const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)&a->addr;
        return inet_ntop(AF_INET6, &in6->sin6_addr, buffer, length) ? 0 : -1;
    }
    return -1;
}

// Opens the socket curl asked for, close-on-exec.
static inline curl_socket_t quiver_curl_open_socket(const struct curl_sockaddr *a) {
    return socket(a->family, a->socktype | SOCK_CLOEXEC, a->protocol);
}
#endif
