/*
 * USART0, 115200 baud 8N1. At 16 MHz the nearest divisor is UBRR = 16 with
 * double speed (U2X0 = 1): 16e6 / (8 * 17) = 117,647 baud, 2.1 % fast. That is
 * inside what 8N1 tolerates between two ends (about 4.5 % in total), and much
 * better than the 3.5 % slow of U2X0 = 0 (UBRR = 8, 111,111 baud).
 *
 * Bytes come in under the RX-complete interrupt into a ring, so a frame keeps
 * arriving while the main loop loads the radio or parses; bytes go out under
 * the data-register-empty interrupt, so a reply never holds up a timed start.
 */
#include <avr/interrupt.h>
#include <avr/io.h>
#include "uart.h"

#define RX_SIZE 128 /* 11 ms of line at full speed: far more than the longest main-loop pass */
#define TX_SIZE 96  /* the largest reply (INFO) fits whole */

static volatile uint8_t rx_buf[RX_SIZE];
static volatile uint8_t rx_head, rx_tail;
static volatile uint8_t tx_buf[TX_SIZE];
static volatile uint8_t tx_head, tx_tail;
volatile uint16_t uart_rx_overruns;

void uart_init(void) {
  UBRR0H = 0;
  UBRR0L = 16;
  UCSR0A = _BV(U2X0);
  UCSR0C = _BV(UCSZ01) | _BV(UCSZ00);
  UCSR0B = _BV(RXEN0) | _BV(TXEN0) | _BV(RXCIE0);
}

ISR(USART_RX_vect) {
  uint8_t b = UDR0;
  uint8_t next = (uint8_t)(rx_head + 1) % RX_SIZE;
  if (next == rx_tail) {
    uart_rx_overruns++;
    return;
  }
  rx_buf[rx_head] = b;
  rx_head = next;
}

int16_t uart_read(void) {
  if (rx_tail == rx_head) return -1;
  uint8_t b = rx_buf[rx_tail];
  rx_tail = (uint8_t)(rx_tail + 1) % RX_SIZE;
  return b;
}

uint8_t uart_rx_waiting(void) { return rx_head != rx_tail; }

ISR(USART_UDRE_vect) {
  if (tx_tail == tx_head) {
    UCSR0B &= (uint8_t)~_BV(UDRIE0);
    return;
  }
  UDR0 = tx_buf[tx_tail];
  tx_tail = (uint8_t)(tx_tail + 1) % TX_SIZE;
}

void uart_write(uint8_t b) {
  uint8_t next = (uint8_t)(tx_head + 1) % TX_SIZE;
  while (next == tx_tail) {
    /* full: the UDRE interrupt drains it (interrupts are on in the main loop) */
  }
  tx_buf[tx_head] = b;
  tx_head = next;
  UCSR0B |= _BV(UDRIE0);
}

uint8_t uart_tx_pending(void) { return (uint8_t)((tx_head + TX_SIZE - tx_tail) % TX_SIZE); }
