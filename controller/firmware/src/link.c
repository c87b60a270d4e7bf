/*
 * The device side of CCL. Bytes from the UART ring collect in one frame buffer
 * until 0x00; the frame is COBS-decoded in place, its length and CRC checked
 * (dropped frames are only counted), then answered by type.
 *
 * Fencing (1.8): the holder is the claim of the last fenced HELLO accepted
 * since power-up. The serial line is one link; what its last HELLO said
 * decides whether SEND and FLUSH are carried out.
 */
#include <avr/pgmspace.h>
#include <string.h>
#include <util/crc16.h>
#include "air.h"
#include "clock.h"
#include "config.h"
#include "link.h"
#include "uart.h"

#define CCL_VERSION 1
#define T_HELLO 0x01
#define T_SEND 0x02
#define T_TIME 0x03
#define T_FLUSH 0x04
#define T_PING 0x05
#define T_INFO 0x81
#define T_ACK 0x82
#define T_NACK 0x83
#define T_CLOCK 0x84
#define T_STATUS 0x85
#define T_PONG 0x86

#define MAX_ENCODED 257 /* a 255-byte frame, COBS-encoded */
/* Line time of one byte at 117,647 baud (10 bits), for CLOCK's send-time estimate. */
#define BYTE_US 85

static uint8_t frame[MAX_ENCODED + 1];
static uint16_t frame_len;
static uint8_t overflow; /* more than 257 bytes without a delimiter: skip to the next 0x00 */
uint16_t link_dropped;
static uint8_t status_seq;

static uint8_t has_holder;
static uint32_t holder_id, holder_epoch;
static uint8_t link_has_claim; /* this line's last HELLO was an accepted fenced one */
static uint32_t link_id, link_epoch;

static uint16_t crc16(const uint8_t *p, uint16_t n) {
  uint16_t crc = 0xFFFF; /* CRC-16/CCITT-FALSE: XMODEM's polynomial step from 0xFFFF */
  while (n--) crc = _crc_xmodem_update(crc, *p++);
  return crc;
}

static uint32_t get_u32(const uint8_t *p) {
  return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

static void put_u32(uint8_t *p, uint32_t v) {
  p[0] = (uint8_t)v;
  p[1] = (uint8_t)(v >> 8);
  p[2] = (uint8_t)(v >> 16);
  p[3] = (uint8_t)(v >> 24);
}

/* COBS-encodes a frame (header, payload, CRC) straight into the UART ring, then the delimiter. */
static void send_frame(uint8_t type, uint8_t seq, const uint8_t *payload, uint8_t n) {
  uint8_t out[3 + 64 + 2];
  out[0] = CCL_VERSION;
  out[1] = type;
  out[2] = seq;
  memcpy(out + 3, payload, n);
  uint16_t crc = crc16(out, 3 + n);
  out[3 + n] = (uint8_t)crc;
  out[4 + n] = (uint8_t)(crc >> 8);
  uint8_t len = 5 + n;
  uint8_t start = 0;
  while (start <= len) {
    /* One block: the bytes up to the next zero (or the end), at most 254. */
    uint8_t end = start;
    while (end < len && out[end] != 0 && end - start < 254) end++;
    uint8_t code = (uint8_t)(end - start + 1);
    uint8_t more = end < len;
    uart_write(code);
    for (uint8_t i = start; i < end; i++) uart_write(out[i]);
    if (code == 0xFF) {
      start = end; /* a full block has no zero after it */
      if (!more) break;
    } else {
      start = end + 1; /* skip the zero this block stands for */
      if (!more) break;
    }
  }
  uart_write(0);
}

static void nack(uint8_t seq, uint8_t reason) { send_frame(T_NACK, seq, &reason, 1); }

static void ack(uint8_t seq) {
  uint8_t q = air_queued;
  send_frame(T_ACK, seq, &q, 1);
}

void link_status(void) {
  uint8_t p[9];
  p[0] = air_queued;
  put_u32(p + 1, air_sent);
  p[5] = (uint8_t)air_late;
  p[6] = (uint8_t)(air_late >> 8);
  p[7] = (uint8_t)link_dropped;
  p[8] = (uint8_t)(link_dropped >> 8);
  send_frame(T_STATUS, status_seq++, p, sizeof p);
}

_Static_assert(8 + sizeof DEVICE_NAME - 1 <= 64, "INFO must fit send_frame's buffer");

static void info(uint8_t seq) {
  static const char name[] PROGMEM = DEVICE_NAME;
  uint8_t p[8 + sizeof name - 1];
  p[0] = CCL_PROTO;
  p[1] = RF_MAX;
  p[2] = QUEUE_CAP;
  put_u32(p + 3, RF_BITRATE);
  p[7] = RF_OVERHEAD;
  memcpy_P(p + 8, name, sizeof name - 1);
  send_frame(T_INFO, seq, p, sizeof p);
}

/* Fencing (1.8): answers 1 when SEND and FLUSH from this line are carried out. */
static uint8_t may_command(void) {
  return !has_holder || (link_has_claim && link_id == holder_id && link_epoch == holder_epoch);
}

static void hello(uint8_t seq, const uint8_t *p, uint8_t n) {
  if (n == 0) {
    link_has_claim = 0;
    if (has_holder) return nack(seq, NACK_FENCED);
    return info(seq);
  }
  uint32_t id = get_u32(p), epoch = get_u32(p + 4);
  if (!has_holder || epoch > holder_epoch || (epoch == holder_epoch && id == holder_id)) {
    has_holder = 1;
    holder_id = id;
    holder_epoch = epoch;
    link_has_claim = 1;
    link_id = id;
    link_epoch = epoch;
    return info(seq);
  }
  link_has_claim = 0;
  nack(seq, NACK_FENCED);
}

static void send(uint8_t seq, const uint8_t *p, uint8_t n) {
  uint8_t flags = p[0];
  uint8_t head = (flags & SEND_TIMED) ? 7 : 3;
  if (!may_command()) return nack(seq, NACK_FENCED);
  if (!air_radio_ok) return nack(seq, NACK_BUSY); /* no radio answered at power-up */
  uint8_t r = air_submit(flags, p[1], p[2], (flags & SEND_TIMED) ? get_u32(p + 3) : 0, p + head, n - head);
  if (r) return nack(seq, r);
  ack(seq);
}

/* An intact frame (COBS, length, CRC good): answer it. */
static void handle(const uint8_t *f, uint8_t len) {
  uint8_t seq = f[2];
  const uint8_t *p = f + 3;
  uint8_t n = len - 5;
  if (f[0] != CCL_VERSION) return nack(seq, NACK_BAD_FRAME);
  switch (f[1]) {
    case T_HELLO:
      if (n != 0 && n != 8) break;
      return hello(seq, p, n);
    case T_SEND: {
      if (n < 3 || (p[0] & (uint8_t)~(SEND_TIMED | SEND_PRIORITY))) break;
      uint8_t head = (p[0] & SEND_TIMED) ? 7 : 3;
      if (n < head + 1) break; /* no at_us, or no rf */
      return send(seq, p, n);
    }
    case T_TIME: {
      if (n != 0) break;
      /* The reply leaves after whatever the ring still holds: stamp it for then. */
      uint8_t c[4];
      put_u32(c, clock_now_us() + (uint32_t)uart_tx_pending() * BYTE_US);
      return send_frame(T_CLOCK, seq, c, 4);
    }
    case T_FLUSH:
      if (n != 0) break;
      if (!may_command()) return nack(seq, NACK_FENCED);
      air_flush();
      ack(seq);
      return link_status();
    case T_PING:
      if (n > 16) break;
      return send_frame(T_PONG, seq, p, n);
    default:
      break;
  }
  nack(seq, NACK_BAD_FRAME); /* unknown type, a device type, or a payload that does not fit */
}

/* COBS-decodes frame[0..n) in place; answers the decoded length or -1. */
static int16_t cobs_decode(uint16_t n) {
  uint16_t r = 0, w = 0;
  while (r < n) {
    uint8_t code = frame[r++];
    if (code == 0 || r + code - 1 > n) return -1;
    for (uint8_t i = 1; i < code; i++) frame[w++] = frame[r++];
    if (code != 0xFF && r < n) frame[w++] = 0;
  }
  return (int16_t)w;
}

static void frame_end(void) {
  if (overflow) {
    overflow = 0;
    frame_len = 0;
    return;
  }
  if (frame_len == 0) return; /* two delimiters in a row: not a frame */
  int16_t len = cobs_decode(frame_len);
  frame_len = 0;
  if (len < 5 || len > 255) {
    link_dropped++;
    return;
  }
  uint16_t crc = crc16(frame, (uint16_t)len - 2);
  if ((uint8_t)crc != frame[len - 2] || (uint8_t)(crc >> 8) != frame[len - 1]) {
    link_dropped++;
    return;
  }
  handle(frame, (uint8_t)len);
}

void link_poll(void) {
  int16_t b;
  while ((b = uart_read()) >= 0) {
    if (b == 0) {
      frame_end();
    } else if (!overflow) {
      if (frame_len >= MAX_ENCODED) {
        overflow = 1;
        link_dropped++;
      } else {
        frame[frame_len++] = (uint8_t)b;
      }
    }
  }
}
