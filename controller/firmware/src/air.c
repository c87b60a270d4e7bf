/*
 * The queue is a fixed pool of QUEUE_CAP slots and an order list (priority
 * SENDs first, each group in arrival order). Every time is a u32 device
 * microsecond compared as a signed difference to "now" (1.6).
 *
 * The radio goes IDLE -> ARMED (packet in its FIFO, start armed on Timer1)
 * -> ON_AIR (keyed by the compare interrupt) -> PacketSent on INT0 -> IDLE.
 * A packet is loaded only LEAD_US before it starts, so a SEND that arrives
 * meanwhile can still take its place (a PRIORITY one, or an earlier timed one):
 * the armed start is taken back and the plan made again.
 */
#include <avr/interrupt.h>
#include <avr/io.h>
#include <string.h>
#include <util/atomic.h>
#include "air.h"
#include "clock.h"
#include "config.h"
#include "link.h"
#include "rfm69.h"

/* Load and arm this long before a start: the FIFO load takes ~60 us, a main-loop pass under 1 ms. */
#define LEAD_US 3000L
/* No PacketSent this long after the airtime: the radio is taken as done (never hangs the queue). */
#define STUCK_US 20000L

typedef struct {
  uint8_t rf[RF_MAX];
  uint8_t len;
  uint8_t flags;
  uint8_t gap_ms;
  uint8_t repeats_left; /* transmissions still to go after the next one */
  uint8_t started;      /* its first transmission has gone out */
  uint8_t has_not_before;
  uint16_t air_us;
  uint32_t not_before_us;
} entry_t;

static entry_t pool[QUEUE_CAP];
static uint8_t order[QUEUE_CAP]; /* pool slots in queue order */
uint8_t air_queued;
uint8_t air_max_queued;
uint32_t air_sent;
uint16_t air_late;
uint8_t air_radio_ok;

enum { IDLE, ARMED, ON_AIR };
static volatile uint8_t radio_state;
static uint8_t armed_slot;
static uint32_t armed_start_us;
static uint32_t armed_due_us;     /* a timed SEND's at_us, when its first transmission is armed */
static uint8_t armed_timed_first;
static volatile uint32_t started_us; /* set by clock_fire() */
static volatile uint32_t ended_us;   /* set by the PacketSent interrupt */
static volatile uint8_t packet_sent;
static uint8_t have_last_end;
static uint32_t last_end_us;
static uint8_t plan_changed;

/* Interrupt on DIO0 (PacketSent): ends the carrier and notes the time. */
ISR(INT0_vect) {
  if (radio_state != ON_AIR) return;
  rfm69_standby();
  ended_us = clock_now_us();
  packet_sent = 1;
}

void clock_fire(void) {
  rfm69_transmit();
  started_us = clock_now_us();
  pool[armed_slot].started = 1;
  radio_state = ON_AIR;
}

void air_init(uint8_t radio_ok) {
  air_radio_ok = radio_ok;
  /* INT0 (PD2) on a rising edge of DIO0. */
  EICRA = _BV(ISC01) | _BV(ISC00);
  EIFR = _BV(INTF0);
  EIMSK = _BV(INT0);
}

/* ceil((overhead + len) * 8e6 / bitrate), PROTOCOL.md 1.7 */
static uint16_t airtime_us(uint8_t len) {
  return (uint16_t)(((uint32_t)(RF_OVERHEAD + len) * 8000000UL + RF_BITRATE - 1) / RF_BITRATE);
}

static int8_t free_slot(void) {
  uint8_t used[QUEUE_CAP];
  memset(used, 0, sizeof used);
  for (uint8_t i = 0; i < air_queued; i++) used[order[i]] = 1;
  for (uint8_t s = 0; s < QUEUE_CAP; s++)
    if (!used[s]) return (int8_t)s;
  return -1;
}

uint8_t air_submit(uint8_t flags, uint8_t repeat, uint8_t gap_ms, uint32_t at_us, const uint8_t *rf, uint8_t len) {
  if (len > RF_MAX) return NACK_TOO_LONG;
  if ((flags & SEND_TIMED) && (int32_t)(at_us - clock_now_us()) < 0) return NACK_TOO_LATE;
  if (air_queued >= QUEUE_CAP) return NACK_QUEUE_FULL;
  int8_t s = free_slot();
  entry_t *e = &pool[s];
  memcpy(e->rf, rf, len);
  e->len = len;
  e->flags = flags;
  e->gap_ms = gap_ms;
  e->repeats_left = repeat;
  e->started = 0;
  e->has_not_before = (flags & SEND_TIMED) != 0;
  e->not_before_us = at_us;
  e->air_us = airtime_us(len);
  uint8_t at = air_queued;
  if (flags & SEND_PRIORITY) {
    at = 0;
    while (at < air_queued && (pool[order[at]].flags & SEND_PRIORITY)) at++;
    memmove(&order[at + 1], &order[at], air_queued - at);
  }
  order[at] = (uint8_t)s;
  air_queued++;
  if (air_queued > air_max_queued) air_max_queued = air_queued;
  plan_changed = 1;
  return 0;
}

static void remove_at(uint8_t i) {
  memmove(&order[i], &order[i + 1], air_queued - i - 1);
  air_queued--;
}

void air_flush(void) {
  /* An armed start not yet on air is taken back; one that fired meanwhile counts as started. */
  if (radio_state == ARMED && clock_disarm()) {
    ATOMIC_BLOCK(ATOMIC_RESTORESTATE) { radio_state = IDLE; }
  }
  uint8_t w = 0;
  for (uint8_t i = 0; i < air_queued; i++)
    if (pool[order[i]].started) order[w++] = order[i];
  air_queued = w;
  plan_changed = 1;
}

/* What goes on air next and when (PROTOCOL.md 1.3); answers the order index or -1. */
static int8_t next(uint32_t now, int32_t *start_rel) {
  int32_t free_rel = 0;
  if (have_last_end) {
    int32_t r = (int32_t)(last_end_us - now) + MIN_GAP_US;
    if (r > 0) free_rel = r;
  }
  int8_t exact = -1, flexible = -1;
  int32_t exact_rel = 0, flexible_rel = 0;
  for (uint8_t i = 0; i < air_queued; i++) {
    entry_t *e = &pool[order[i]];
    int32_t nb = (int32_t)(e->not_before_us - now);
    if (e->flags & SEND_TIMED) {
      if (exact < 0 || nb < exact_rel) {
        exact = (int8_t)i;
        exact_rel = nb;
      }
    } else {
      int32_t s = free_rel;
      if (e->has_not_before && nb > s) s = nb;
      if (flexible < 0 || s < flexible_rel) {
        flexible = (int8_t)i;
        flexible_rel = s;
      }
    }
  }
  if (exact >= 0 && flexible >= 0) {
    entry_t *f = &pool[order[flexible]];
    uint8_t fits = flexible_rel + (int32_t)f->air_us + MIN_GAP_US <= exact_rel;
    uint8_t overrides = (f->flags & SEND_PRIORITY) && !(pool[order[exact]].flags & SEND_PRIORITY);
    if (!fits && !overrides) flexible = -1;
  }
  if (flexible >= 0) {
    *start_rel = flexible_rel;
    return flexible;
  }
  if (exact < 0) return -1;
  *start_rel = exact_rel > free_rel ? exact_rel : free_rel;
  return exact;
}

/* Bookkeeping once a transmission has ended: repeats, the channel's quiet time. */
static void finished(uint32_t start_us, uint32_t end_us) {
  uint8_t slot = armed_slot;
  entry_t *e = &pool[slot];
  air_sent++;
  if (armed_timed_first && (int32_t)(start_us - armed_due_us) > LATE_AFTER_US) air_late++;
  have_last_end = 1;
  last_end_us = end_us;
  for (uint8_t i = 0; i < air_queued; i++) {
    if (order[i] != slot) continue;
    if (e->repeats_left == 0) {
      remove_at(i);
    } else {
      e->repeats_left--;
      e->has_not_before = 1;
      e->not_before_us = end_us + (e->gap_ms > 1 ? (uint32_t)e->gap_ms * 1000UL : (uint32_t)MIN_GAP_US);
    }
    break;
  }
}

void air_poll(void) {
  uint8_t state;
  ATOMIC_BLOCK(ATOMIC_RESTORESTATE) { state = radio_state; }

  if (state == ON_AIR) {
    uint32_t now = clock_now_us();
    uint8_t done;
    uint32_t end;
    ATOMIC_BLOCK(ATOMIC_RESTORESTATE) {
      done = packet_sent;
      end = ended_us;
    }
    if (!done && (int32_t)(now - started_us) > (int32_t)pool[armed_slot].air_us + STUCK_US) {
      rfm69_standby();
      done = 1;
      end = now;
    }
    if (!done) return;
    ATOMIC_BLOCK(ATOMIC_RESTORESTATE) {
      packet_sent = 0;
      radio_state = IDLE;
    }
    finished(started_us, end);
    state = IDLE;
    plan_changed = 1;
  }

  if (state == ARMED) {
    if (!plan_changed) return;
    /* Something changed: keep the armed start if it is still the right one, else take it back. */
    uint32_t now = clock_now_us();
    int32_t rel;
    int8_t i = next(now, &rel);
    if (i >= 0 && order[i] == armed_slot && (int32_t)(now + (rel > 0 ? rel : 0) - armed_start_us) == 0) {
      plan_changed = 0;
      return;
    }
    if (!clock_disarm()) return; /* it fired meanwhile: ON_AIR next pass */
    ATOMIC_BLOCK(ATOMIC_RESTORESTATE) { radio_state = IDLE; }
    state = IDLE;
  }

  plan_changed = 0;
  uint32_t now = clock_now_us();
  int32_t rel;
  int8_t i = next(now, &rel);
  if (i < 0 || rel > LEAD_US) return;
  entry_t *e = &pool[order[i]];
  rfm69_load(e->rf, e->len);
  armed_slot = order[i];
  armed_start_us = now + (rel > 0 ? (uint32_t)rel : 0);
  armed_timed_first = (e->flags & SEND_TIMED) && !e->started;
  armed_due_us = e->not_before_us;
  ATOMIC_BLOCK(ATOMIC_RESTORESTATE) { radio_state = ARMED; }
  clock_arm(armed_start_us);
}
