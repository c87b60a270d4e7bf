/*
 * The radio model. SPI: the first byte after NSS falls is the address (bit 7 =
 * write), then the address counts up per byte, except the FIFO (0x00). Each
 * byte the AVR clocks out is answered on MISO at once, as the real part shifts
 * out the register at the current address.
 *
 * Transmit: writing mode TX (RegOpMode bits 4:2 = 011) with a packet in the
 * FIFO (variable length: a length byte then the payload) puts it on air for
 * (preamble + sync + length byte + payload + CRC) * 8 bits at 32 MHz /
 * RegBitrate; at the end PacketSent is set and DIO0 goes high (DioMapping1
 * DIO0 = 00). Leaving TX clears PacketSent and drops DIO0.
 */
#include <string.h>
#include <avr_ioport.h>
#include <avr_spi.h>
#include <sim_cycle_timers.h>
#include "rfm69_part.h"

#define REG_FIFO 0x00
#define REG_OPMODE 0x01
#define REG_VERSION 0x10
#define REG_DIOMAPPING1 0x25
#define REG_IRQFLAGS1 0x27
#define REG_IRQFLAGS2 0x28
#define MODE_TX 3

static uint32_t airtime_cycles(rfm69_part_t *p, uint8_t len) {
  uint32_t preamble = ((uint32_t)p->reg[0x2C] << 8) | p->reg[0x2D];
  uint32_t sync = (p->reg[0x2E] & 0x80) ? ((p->reg[0x2E] >> 3) & 7) + 1 : 0;
  uint32_t length_byte = (p->reg[0x37] & 0x80) ? 1 : 0;
  uint32_t crc = (p->reg[0x37] & 0x10) ? 2 : 0;
  uint32_t bits = (preamble + sync + length_byte + len + crc) * 8;
  uint32_t bitrate_reg = ((uint32_t)p->reg[0x03] << 8) | p->reg[0x04];
  /* one bit = bitrate_reg / 32 MHz; in cycles of the AVR's clock */
  return (uint32_t)((uint64_t)bits * bitrate_reg * p->avr->frequency / 32000000ULL);
}

static void set_dio0(rfm69_part_t *p, int level) { avr_raise_irq(p->dio0, level); }

static avr_cycle_count_t tx_done(avr_t *avr, avr_cycle_count_t when, void *param) {
  (void)avr;
  rfm69_part_t *p = param;
  if (!p->on_air) return 0;
  p->on_air = 0;
  p->current.end_cycle = when;
  p->packet_sent = 1;
  p->fifo_len = 0;
  if ((p->reg[REG_DIOMAPPING1] >> 6) == 0) set_dio0(p, 1);
  p->on_tx(p->ctx, &p->current);
  return 0;
}

static void set_mode(rfm69_part_t *p, uint8_t mode) {
  uint8_t was = p->mode;
  p->mode = mode;
  if (was == MODE_TX && mode != MODE_TX) {
    if (p->on_air) {
      /* keyed off mid-packet: what went out is cut short */
      p->on_air = 0;
      avr_cycle_timer_cancel(p->avr, tx_done, p);
      p->current.end_cycle = p->avr->cycle;
      p->current.aborted = 1;
      p->on_tx(p->ctx, &p->current);
    }
    p->packet_sent = 0;
    set_dio0(p, 0);
  }
  if (was != MODE_TX && mode == MODE_TX && p->fifo_len > 0) {
    uint8_t len = p->fifo[0];
    if (len > p->fifo_len - 1) len = p->fifo_len - 1; /* a short FIFO: only what is there goes out */
    memset(&p->current, 0, sizeof p->current);
    p->current.start_cycle = p->avr->cycle;
    p->current.len = len;
    memcpy(p->current.rf, p->fifo + 1, len);
    p->on_air = 1;
    avr_cycle_timer_register(p->avr, airtime_cycles(p, len), tx_done, p);
  }
}

static void write_reg(rfm69_part_t *p, uint8_t addr, uint8_t v) {
  switch (addr) {
    case REG_FIFO:
      if (p->fifo_len < sizeof p->fifo) p->fifo[p->fifo_len++] = v;
      return;
    case REG_OPMODE:
      p->reg[addr] = v;
      set_mode(p, (v >> 2) & 7);
      return;
    case REG_IRQFLAGS2:
      if (v & 0x10) p->fifo_len = 0; /* FifoOverrun written 1: FIFO cleared */
      return;
    case REG_VERSION:
    case REG_IRQFLAGS1:
      return; /* read-only */
    default:
      p->reg[addr] = v;
  }
}

static uint8_t read_reg(rfm69_part_t *p, uint8_t addr) {
  switch (addr) {
    case REG_FIFO:
      return p->fifo_len ? p->fifo[0] : 0;
    case REG_VERSION:
      return 0x24;
    case REG_IRQFLAGS1:
      return 0x80 | (p->mode == MODE_TX ? 0x20 : 0); /* ModeReady, TxReady */
    case REG_IRQFLAGS2:
      return (uint8_t)((p->fifo_len ? 0x40 : 0) | (p->packet_sent ? 0x08 : 0));
    default:
      return p->reg[addr];
  }
}

static void on_mosi(struct avr_irq_t *irq, uint32_t value, void *param) {
  (void)irq;
  rfm69_part_t *p = param;
  uint8_t reply = 0;
  if (p->selected) {
    if (!p->have_addr) {
      p->have_addr = 1;
      p->writing = (value & 0x80) != 0;
      p->addr = value & 0x7F;
    } else {
      if (p->writing) write_reg(p, p->addr, (uint8_t)value);
      else reply = read_reg(p, p->addr);
      if (p->addr != REG_FIFO) p->addr = (p->addr + 1) & 0x7F;
    }
  }
  avr_raise_irq(p->miso, reply);
}

static void on_nss(struct avr_irq_t *irq, uint32_t value, void *param) {
  (void)irq;
  rfm69_part_t *p = param;
  p->selected = value == 0;
  p->have_addr = 0;
}

void rfm69_part_init(rfm69_part_t *p, avr_t *avr, void (*on_tx)(void *, const rfm69_tx_t *), void *ctx) {
  memset(p, 0, sizeof *p);
  p->avr = avr;
  p->on_tx = on_tx;
  p->ctx = ctx;
  p->mode = 1;
  p->reg[0x03] = 0x1A; /* power-on defaults the firmware overrides: 4.8 kbit/s */
  p->reg[0x04] = 0x0B;
  p->reg[0x2D] = 0x03;
  p->reg[0x2E] = 0x98;
  p->reg[0x37] = 0x10;
  p->miso = avr_io_getirq(avr, AVR_IOCTL_SPI_GETIRQ(0), SPI_IRQ_INPUT);
  avr_irq_register_notify(avr_io_getirq(avr, AVR_IOCTL_SPI_GETIRQ(0), SPI_IRQ_OUTPUT), on_mosi, p);
  avr_irq_register_notify(avr_io_getirq(avr, AVR_IOCTL_IOPORT_GETIRQ('B'), 2), on_nss, p);
  p->dio0 = avr_io_getirq(avr, AVR_IOCTL_IOPORT_GETIRQ('D'), 2);
  p->selected = 0;
}
