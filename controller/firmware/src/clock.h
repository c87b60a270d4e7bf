/*
 * The device clock (PROTOCOL.md 1.6): Timer1 interrupts every millisecond and
 * the clock reads in microseconds (u32, wrapping), the millisecond count plus
 * the timer's half-microsecond ticks. The same timer starts timed
 * transmissions on the exact tick: its compare unit B fires `clock_fire()`.
 */
#ifndef CCL_CLOCK_H
#define CCL_CLOCK_H
#include <stdint.h>

void clock_init(void);
/* Device time, microseconds, wrapping at 2^32. Safe with interrupts on or off. */
uint32_t clock_now_us(void);
/* Milliseconds since power-up (wrapping). */
uint32_t clock_ms(void);

/*
 * Calls clock_fire() with interrupts off when the clock reads at_us (at once
 * if that is now or past). One start is armed at a time.
 */
void clock_arm(uint32_t at_us);
/* Takes an armed start back; answers 0 if it already fired (too late to take back). */
uint8_t clock_disarm(void);

/* Provided by the air module: put the loaded packet on air now (interrupts off). */
void clock_fire(void);

#endif
