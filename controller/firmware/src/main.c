/*
 * CrowdCue reference CCL transmitter: an ATmega328P at 16 MHz with an RFM69
 * on SPI. The main loop answers the host and plans the air, and sleeps (idle)
 * whenever there is nothing to do; the millisecond tick, a received byte or
 * PacketSent wakes it. Everything that must happen on time runs in interrupts.
 */
#include <avr/interrupt.h>
#include <avr/io.h>
#include <avr/sleep.h>
#include "air.h"
#include "clock.h"
#include "config.h"
#include "link.h"
#include "rfm69.h"
#include "uart.h"

int main(void) {
  uart_init();
  clock_init();
  air_init(rfm69_init());
  set_sleep_mode(SLEEP_MODE_IDLE);
  sei();
  uint32_t next_status = clock_now_us() + STATUS_EVERY_US;
  for (;;) {
    link_poll();
    air_poll();
    uint32_t now = clock_now_us();
    if ((int32_t)(now - next_status) >= 0) {
      link_status();
      next_status += STATUS_EVERY_US;
      if ((int32_t)(now - next_status) >= 0) next_status = now + STATUS_EVERY_US;
    }
    cli();
    if (!uart_rx_waiting()) {
      sleep_enable();
      sei();
      sleep_cpu(); /* the instruction after sei always runs: no wake-up is lost */
      sleep_disable();
    }
    sei();
  }
}
