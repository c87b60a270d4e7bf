/*
 * A simulated RFM69 on the AVR's SPI bus, for the simavr harness: the
 * registers the firmware uses, a 66-byte FIFO, and a transmitter that keeps
 * the channel for the packet's real airtime at the bit rate the firmware set,
 * then raises PacketSent on DIO0.
 */
#ifndef RFM69_PART_H
#define RFM69_PART_H
#include <stdint.h>
#include <sim_avr.h>
#include <sim_irq.h>

typedef struct rfm69_tx {
  uint64_t start_cycle, end_cycle;
  uint8_t rf[66];
  uint8_t len;
  int aborted; /* keyed off before PacketSent */
} rfm69_tx_t;

typedef struct rfm69_part {
  avr_t *avr;
  avr_irq_t *miso;  /* SPI_IRQ_INPUT of the AVR */
  avr_irq_t *dio0;  /* the AVR pin DIO0 is wired to */
  uint8_t reg[0x80];
  uint8_t fifo[66];
  uint8_t fifo_len;
  int selected, have_addr, writing;
  uint8_t addr;
  uint8_t mode;
  int packet_sent;
  rfm69_tx_t current;
  int on_air;
  /* Called when a transmission ends (or is cut short). */
  void (*on_tx)(void *ctx, const rfm69_tx_t *tx);
  void *ctx;
} rfm69_part_t;

/* Wires the part to SPI 0, NSS on PB2 and DIO0 on PD2 (INT0). */
void rfm69_part_init(rfm69_part_t *p, avr_t *avr, void (*on_tx)(void *, const rfm69_tx_t *), void *ctx);

#endif
