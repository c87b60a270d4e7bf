/*
 * RFM69 (Semtech SX1231) in packet mode, FSK at 38.4 kbit/s, 868 MHz.
 *
 * On air, every packet is: 6 preamble bytes, 4 sync word bytes, a length byte,
 * the CCB payload, and a 2-byte CRC added by the radio: 13 bytes of overhead,
 * which is what INFO reports. Whitening keeps the bit stream DC-free; bands use
 * the same settings to receive.
 *
 * SPI: mode 0, MSB first, clock F_CPU/2 (8 MHz, the RFM69's maximum is 10 MHz).
 * The first byte after NSS falls is the address, bit 7 set for a write; the
 * address then counts up on every byte, except the FIFO (address 0) which
 * takes a whole burst. DIO0 is mapped to PacketSent and wired to INT0.
 */
#include <avr/io.h>
#include <avr/pgmspace.h>
#include "config.h"
#include "rfm69.h"

#define NSS_PORT PORTB
#define NSS_BIT PB2

#define REG_FIFO 0x00
#define REG_OPMODE 0x01
#define REG_DATAMODUL 0x02
#define REG_BITRATEMSB 0x03
#define REG_BITRATELSB 0x04
#define REG_FDEVMSB 0x05
#define REG_FDEVLSB 0x06
#define REG_FRFMSB 0x07
#define REG_FRFMID 0x08
#define REG_FRFLSB 0x09
#define REG_VERSION 0x10
#define REG_PALEVEL 0x11
#define REG_DIOMAPPING1 0x25
#define REG_IRQFLAGS2 0x28
#define REG_PREAMBLEMSB 0x2C
#define REG_PREAMBLELSB 0x2D
#define REG_SYNCCONFIG 0x2E
#define REG_SYNCVALUE1 0x2F
#define REG_PACKETCONFIG1 0x37
#define REG_PAYLOADLENGTH 0x38
#define REG_FIFOTHRESH 0x3C

#define MODE_STANDBY 0x04
#define MODE_TX 0x0C
#define IRQ2_FIFO_OVERRUN 0x10

static uint8_t spi_byte(uint8_t b) {
  SPDR = b;
  while (!(SPSR & _BV(SPIF))) {
  }
  return SPDR;
}

static void select(void) { NSS_PORT &= (uint8_t)~_BV(NSS_BIT); }
static void deselect(void) { NSS_PORT |= _BV(NSS_BIT); }

static void write_reg(uint8_t addr, uint8_t value) {
  select();
  spi_byte(addr | 0x80);
  spi_byte(value);
  deselect();
}

static uint8_t read_reg(uint8_t addr) {
  select();
  spi_byte(addr & 0x7F);
  uint8_t v = spi_byte(0);
  deselect();
  return v;
}

/* Register, value: everything the radio needs once (in flash: RAM is the scarce part). */
static const uint8_t setup[][2] PROGMEM = {
    {REG_OPMODE, MODE_STANDBY},
    {REG_DATAMODUL, 0x00},                            /* packet mode, FSK, no shaping */
    {REG_BITRATEMSB, 0x03}, {REG_BITRATELSB, 0x41},   /* 32 MHz / 833 = 38,415 bit/s */
    {REG_FDEVMSB, 0x03}, {REG_FDEVLSB, 0x33},         /* 819 x 61 Hz = 50 kHz deviation */
    {REG_FRFMSB, 0xD9}, {REG_FRFMID, 0x00}, {REG_FRFLSB, 0x00}, /* 868.0 MHz */
    {REG_PALEVEL, 0x9F},                              /* PA0, +13 dBm (RFM69W/CW) */
    {REG_DIOMAPPING1, 0x00},                          /* DIO0 = PacketSent in TX */
    {REG_PREAMBLEMSB, 0x00}, {REG_PREAMBLELSB, 0x06}, /* 6 preamble bytes */
    {REG_SYNCCONFIG, 0x98},                           /* sync on, 4 bytes */
    {REG_SYNCVALUE1, 0x2D}, {REG_SYNCVALUE1 + 1, 0xD4}, {REG_SYNCVALUE1 + 2, 0x43}, {REG_SYNCVALUE1 + 3, 0xCC},
    {REG_PACKETCONFIG1, 0xD0},                        /* variable length, whitening, CRC on */
    {REG_PAYLOADLENGTH, 66},
    {REG_FIFOTHRESH, 0x8F},                           /* start TX as soon as the FIFO holds a byte */
};

uint8_t rfm69_init(void) {
  /* NSS (D10/PB2) high, then MOSI PB3 and SCK PB5 out; SPI master, mode 0, F_CPU/2. */
  PORTB |= _BV(NSS_BIT);
  DDRB |= _BV(PB2) | _BV(PB3) | _BV(PB5);
  SPCR = _BV(SPE) | _BV(MSTR);
  SPSR = _BV(SPI2X);
  if (read_reg(REG_VERSION) != 0x24) return 0;
  for (uint8_t i = 0; i < sizeof setup / sizeof setup[0]; i++) write_reg(pgm_read_byte(&setup[i][0]), pgm_read_byte(&setup[i][1]));
  return 1;
}

void rfm69_load(const uint8_t *rf, uint8_t len) {
  write_reg(REG_IRQFLAGS2, IRQ2_FIFO_OVERRUN); /* writing the overrun flag empties the FIFO */
  select();
  spi_byte(REG_FIFO | 0x80);
  spi_byte(len);
  for (uint8_t i = 0; i < len; i++) spi_byte(rf[i]);
  deselect();
}

void rfm69_transmit(void) { write_reg(REG_OPMODE, MODE_TX); }

void rfm69_standby(void) { write_reg(REG_OPMODE, MODE_STANDBY); }
