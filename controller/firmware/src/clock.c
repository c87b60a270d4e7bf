/*
 * Timer1 in CTC mode at clk/8: one tick is 0.5 us and OCR1A = 1999 ends each
 * millisecond, when the compare-A interrupt adds 1000 us to the period's base.
 * The microsecond clock is that base plus TCNT1 / 2, so the 1 ms interrupt is
 * the only one the clock needs and it never drifts from the crystal.
 *
 * A timed start is armed as a device time. Each millisecond interrupt looks
 * whether it falls in the period just begun and, if so, sets compare unit B
 * to the exact tick; the compare-B interrupt then starts the radio. A start
 * too close to catch with the compare unit (a few ticks) is waited out in a
 * short spin instead, so no start is ever missed by a whole period.
 */
#include <avr/interrupt.h>
#include <avr/io.h>
#include <util/atomic.h>
#include "clock.h"

#define TICKS_PER_MS 2000u
/* Ticks needed between reading TCNT1 and the compare unit being set (0.5 us each). */
#define ARM_MARGIN_TICKS 12u

static volatile uint32_t period_base_us; /* device time at the start of the current millisecond */
static volatile uint32_t ms_count;
static volatile uint8_t arm_state; /* 0 idle, 1 waiting for its millisecond, 2 compare B set */
static volatile uint32_t arm_at_us;

void clock_init(void) {
  TCCR1A = 0;
  TCCR1B = _BV(WGM12); /* CTC on OCR1A, stopped */
  OCR1A = TICKS_PER_MS - 1;
  TCNT1 = 0;
  TIFR1 = _BV(OCF1A) | _BV(OCF1B);
  TIMSK1 = _BV(OCIE1A);
  TCCR1B = _BV(WGM12) | _BV(CS11); /* clk/8: the clock starts */
}

/* Base and tick read together; a period that has ended but whose interrupt is still pending is counted. */
static uint32_t now_locked(void) {
  uint16_t t = TCNT1;
  uint32_t base = period_base_us;
  if ((TIFR1 & _BV(OCF1A)) && t < TICKS_PER_MS / 2) base += 1000;
  return base + (t >> 1);
}

uint32_t clock_now_us(void) {
  uint32_t v;
  ATOMIC_BLOCK(ATOMIC_RESTORESTATE) { v = now_locked(); }
  return v;
}

uint32_t clock_ms(void) {
  uint32_t v;
  ATOMIC_BLOCK(ATOMIC_RESTORESTATE) { v = ms_count; }
  return v;
}

static void fire_now(void) {
  arm_state = 0;
  TIMSK1 &= (uint8_t)~_BV(OCIE1B);
  clock_fire();
}

/*
 * With interrupts off and no period end pending: set compare B if the armed
 * time falls in this millisecond, fire if it is due, else leave it to a later
 * millisecond interrupt.
 */
static void place_start(void) {
  int32_t rel = (int32_t)(arm_at_us - period_base_us); /* us into this period */
  if (rel >= 1000) return;
  uint16_t target = rel <= 0 ? 0 : (uint16_t)rel * 2u;
  uint16_t t = TCNT1;
  if (target <= t + ARM_MARGIN_TICKS) {
    /* Due, or too close for the compare unit: spin the last few ticks, then go. */
    while (TCNT1 < target && !(TIFR1 & _BV(OCF1A))) {
    }
    fire_now();
    return;
  }
  OCR1B = target;
  TIFR1 = _BV(OCF1B);
  TIMSK1 |= _BV(OCIE1B);
  arm_state = 2;
}

ISR(TIMER1_COMPA_vect) {
  period_base_us += 1000;
  ms_count++;
  if (arm_state == 1) place_start();
}

ISR(TIMER1_COMPB_vect) {
  if (arm_state == 2) fire_now();
}

void clock_arm(uint32_t at_us) {
  ATOMIC_BLOCK(ATOMIC_RESTORESTATE) {
    arm_at_us = at_us;
    arm_state = 1;
    /* A millisecond that has ended but not been counted: its interrupt will place the start. */
    if (!(TIFR1 & _BV(OCF1A))) place_start();
  }
}

uint8_t clock_disarm(void) {
  uint8_t taken = 0;
  ATOMIC_BLOCK(ATOMIC_RESTORESTATE) {
    if (arm_state != 0) {
      arm_state = 0;
      TIMSK1 &= (uint8_t)~_BV(OCIE1B);
      taken = 1;
    }
  }
  return taken;
}
