/* gb_linger: the lingering close after an error answer, as the gateway and
 * fdpass-conn workers do it. The answer is out; shutdown(SHUT_WR) sends FIN,
 * and whatever the client still sends (the rest of a body we refused) is read
 * and thrown away for up to GB_LINGER_MS before the socket is closed -
 * closing with unread bytes would make the kernel send a RST, which can
 * destroy the answer before the client reads it.
 *
 *   shutdown(fd, SHUT_WR); deadline = now + GB_LINGER_MS;
 *   on each read event: gb_linger_drain(fd) -> 1 (nothing more for now),
 *                                              0 (closed or failed: close it) */
#ifndef GB_LINGER_H
#define GB_LINGER_H

#define GB_LINGER_MS 2000

/* Reads and discards until the socket has nothing more (returns 1) or is
 * closed by the peer or fails (returns 0). fd must be non-blocking. */
int gb_linger_drain(int fd);

#endif
