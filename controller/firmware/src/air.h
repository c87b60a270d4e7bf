/*
 * The SEND queue and the channel (PROTOCOL.md 1.3, 1.7): one transmission at
 * a time with 1 ms of quiet between two, untimed SENDs in queue order as soon
 * as the channel is free, PRIORITY ahead of the rest, timed SENDs on their
 * exact start, repeats no earlier than their gap after the previous end.
 */
#ifndef CCL_AIR_H
#define CCL_AIR_H
#include <stdint.h>

#define SEND_TIMED 0x01
#define SEND_PRIORITY 0x02

/* What submit answers: 0 queued, else a NACK reason (link.h). */
uint8_t air_submit(uint8_t flags, uint8_t repeat, uint8_t gap_ms, uint32_t at_us, const uint8_t *rf, uint8_t len);
/* Drops every SEND not yet on air; a SEND partly on air keeps its repeats. */
void air_flush(void);
/* Main-loop step: picks, loads and arms the next transmission, finishes the last one. */
void air_poll(void);
void air_init(uint8_t radio_ok);

extern uint8_t air_queued;     /* SENDs held, repeats still to go included */
extern uint8_t air_max_queued; /* the most it has held at once */
extern uint32_t air_sent;      /* transmissions since power-up */
extern uint16_t air_late;      /* timed SENDs that started more than 1 ms late */
extern uint8_t air_radio_ok;

#endif
