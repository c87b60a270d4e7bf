/* CCL frames in and out (PROTOCOL.md 1.2 - 1.5, 1.8). */
#ifndef CCL_LINK_H
#define CCL_LINK_H
#include <stdint.h>

#define NACK_QUEUE_FULL 1
#define NACK_TOO_LATE 2
#define NACK_TOO_LONG 3
#define NACK_BAD_FRAME 4
#define NACK_BUSY 5
#define NACK_FENCED 6

/* Reads what the UART holds and answers every complete frame. */
void link_poll(void);
/* Sends an unsolicited STATUS (1.4). */
void link_status(void);

extern uint16_t link_dropped; /* frames dropped for bad COBS, length or CRC */

#endif
