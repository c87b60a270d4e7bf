/* The RFM69 radio on SPI: set up for CCB packets, load one, key it, back to standby. */
#ifndef CCL_RFM69_H
#define CCL_RFM69_H
#include <stdint.h>

/* Sets the radio up; answers 1 when an RFM69 answered (RegVersion 0x24), 0 when none is there. */
uint8_t rfm69_init(void);
/* In standby: empties the FIFO and loads one packet (length byte + rf). */
void rfm69_load(const uint8_t *rf, uint8_t len);
/* Transmitter on: the loaded packet goes on air at once. Call with interrupts off. */
void rfm69_transmit(void);
/* Back to standby (ends the carrier after PacketSent). */
void rfm69_standby(void);

#endif
