/* gb_loop: thin epoll helpers and the monotonic clock the timers use. */
#ifndef GB_LOOP_H
#define GB_LOOP_H

#include <stdint.h>
#include <sys/epoll.h>

int gb_loop_create(char *err, size_t errlen);
/* Each returns 0 or -1 with errno. ptr is stored in epoll_event.data.ptr. */
int gb_loop_add(int ep, int fd, uint32_t events, void *ptr);
int gb_loop_mod(int ep, int fd, uint32_t events, void *ptr);
int gb_loop_del(int ep, int fd);
/* epoll_wait that turns EINTR into "no events". */
int gb_loop_wait(int ep, struct epoll_event *evs, int max, int timeout_ms);
int64_t gb_now_ms(void);

#endif
