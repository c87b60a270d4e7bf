/* USART0 at 115200 baud, 8N1: interrupt-driven receive and transmit rings. */
#ifndef CCL_UART_H
#define CCL_UART_H
#include <stdint.h>

void uart_init(void);
/* Next received byte, or -1 when none is waiting. */
int16_t uart_read(void);
uint8_t uart_rx_waiting(void);
/* Queues a byte for sending; waits only when the transmit ring is full. */
void uart_write(uint8_t b);
/* Bytes still to leave the transmit ring (for CLOCK's send-time estimate). */
uint8_t uart_tx_pending(void);
/* Received bytes lost because the ring was full (the frame then fails its CRC). */
extern volatile uint16_t uart_rx_overruns;

#endif
