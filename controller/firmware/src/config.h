/*
 * What this transmitter tells the host in INFO (PROTOCOL.md 1.4), and the
 * sizes everything else is built from. One place, so INFO can never claim
 * more than the firmware holds.
 */
#ifndef CCL_CONFIG_H
#define CCL_CONFIG_H

#define CCL_PROTO 1
/* The largest CCB packet (PROTOCOL.md 2): no band takes more, so no RAM for more. */
#define RF_MAX 48
/* SENDs held at once: 16 x 60 bytes is what 2 KiB leaves after the serial buffers and the stack. */
#define QUEUE_CAP 16
/* RFM69 at FXOSC / 833 = 38415.4 bit/s; INFO rounds down so the host's airtime is never short. */
#define RF_BITRATE 38415UL
/* Preamble 6 + sync word 4 + length byte 1 + radio CRC 2 (see rfm69.c). */
#define RF_OVERHEAD 13
#define DEVICE_NAME "CrowdCue reference transmitter (ATmega328P + RFM69)"

/* Quiet time between two transmissions, and how late a timed start may be before it counts (1.3). */
#define MIN_GAP_US 1000L
#define LATE_AFTER_US 1000L
/* Unsolicited STATUS period (1.4). */
#define STATUS_EVERY_US 1000000L

#endif
