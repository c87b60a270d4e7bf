/*
 * Runs the compiled transmitter firmware in simavr as a device a host can
 * talk to:
 *
 *   ccl-sim FIRMWARE.elf [--link PATH]
 *
 * - USART0 is bridged to a pseudo-terminal (openpty, raw); --link makes a
 *   symlink to its slave so a host opens a stable path. Bytes the host writes
 *   reach the AVR's UART at 115200-baud line pace (simavr's UART model).
 * - A simulated RFM69 (rfm69_part.c) sits on SPI; every transmission is
 *   recorded with its simulated start and end.
 * - Simulated time is paced to the wall clock (never ahead of it), so the host
 *   sees a device that runs in real time, while every figure is taken in
 *   simulated time: device time is simulated time, host jitter stays out.
 *
 * stdout, one JSON object a line:
 *   {"ev":"ready","pty":"/dev/pts/N","link":PATH}
 *   {"ev":"frame","dir":"host"|"device","us":T,"hex":"..."}   every CCL frame
 *     on the line (the bytes up to and including 0x00), at simulated time T
 *   {"ev":"air","startUs":..,"endUs":..,"deviceStartUs":..,"rf":"..","aborted":false}
 *     every transmission: simulated us (cycles / 16), and the device clock
 *     (Timer1's microsecond clock as the firmware reads it) at its start
 *   {"ev":"stats","simUs":..,"wallUs":..,"behindMaxUs":..}  at exit (SIGTERM, SIGINT, stdin closed)
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include <avr_uart.h>
#include <sim_avr.h>
#include <sim_elf.h>
#include <sim_interrupts.h>
#include <sim_irq.h>
#include <sim_cycle_timers.h>
#include <sim_io.h>
#include <sim_time.h>
#include "rfm69_part.h"

#define TIMER1_COMPA_VECTOR 11 /* ATmega328P */

static avr_t *avr;
static int master_fd = -1, slave_fd = -1;
static volatile sig_atomic_t stopping;

/* host -> AVR bytes not yet taken by the UART */
static uint8_t in_buf[65536];
static size_t in_head, in_tail;
static int uart_xon = 1;
static avr_irq_t *uart_in;

/* frame snooping, one buffer per direction */
typedef struct {
  uint8_t b[600];
  size_t n;
  const char *dir;
} snoop_t;
static snoop_t from_host = {.dir = "host"}, from_device = {.dir = "device"};

/* device clock: Timer1 compare-A matches (1 ms each) and the cycle of the latest */
static uint64_t ms_ticks, last_tick_cycle;

static double sim_us(uint64_t cycle) { return (double)cycle * 1e6 / avr->frequency; }

static void hex(const uint8_t *b, size_t n, char *out) {
  static const char d[] = "0123456789abcdef";
  for (size_t i = 0; i < n; i++) {
    out[2 * i] = d[b[i] >> 4];
    out[2 * i + 1] = d[b[i] & 15];
  }
  out[2 * n] = 0;
}

static void snoop(snoop_t *s, uint8_t byte) {
  if (s->n < sizeof s->b) s->b[s->n++] = byte;
  if (byte != 0) return;
  char h[sizeof s->b * 2 + 1];
  hex(s->b, s->n, h);
  printf("{\"ev\":\"frame\",\"dir\":\"%s\",\"us\":%.3f,\"hex\":\"%s\"}\n", s->dir, sim_us(avr->cycle), h);
  s->n = 0;
}

static void on_uart_out(struct avr_irq_t *irq, uint32_t value, void *param) {
  (void)irq;
  (void)param;
  uint8_t b = (uint8_t)value;
  snoop(&from_device, b);
  /* No reader on the other end, or its buffer full: the byte is lost, as on a real line. */
  if (write(master_fd, &b, 1) < 0) {
  }
}

static void on_xon(struct avr_irq_t *irq, uint32_t value, void *param) {
  (void)irq, (void)value, (void)param;
  uart_xon = 1;
}

static void on_xoff(struct avr_irq_t *irq, uint32_t value, void *param) {
  (void)irq, (void)value, (void)param;
  uart_xon = 0;
}

static void pump_uart(void) {
  while (uart_xon && in_tail != in_head) {
    uint8_t b = in_buf[in_tail];
    in_tail = (in_tail + 1) % sizeof in_buf;
    snoop(&from_host, b);
    avr_raise_irq(uart_in, b);
  }
}

static void read_pty(void) {
  uint8_t buf[512];
  for (;;) {
    ssize_t n = read(master_fd, buf, sizeof buf);
    if (n <= 0) return;
    for (ssize_t i = 0; i < n; i++) {
      size_t next = (in_head + 1) % sizeof in_buf;
      if (next == in_tail) break;
      in_buf[in_head] = buf[i];
      in_head = next;
    }
  }
}

static void on_timer1_tick(struct avr_irq_t *irq, uint32_t value, void *param) {
  (void)irq, (void)param;
  if (!value) return;
  ms_ticks++;
  last_tick_cycle = avr->cycle;
}

/*
 * The firmware's clock: 1000 us per compare-A match, plus the time since the
 * last one (which may be after `cycle`: the matches are exactly 1 ms apart, so
 * counting back from the latest is as exact).
 */
static double device_us(uint64_t cycle) {
  double us = (double)ms_ticks * 1000.0 + ((double)cycle - (double)last_tick_cycle) * 1e6 / avr->frequency;
  return us - 4294967296.0 * (double)(uint64_t)(us / 4294967296.0);
}

static void on_tx(void *ctx, const rfm69_tx_t *tx) {
  (void)ctx;
  char h[sizeof tx->rf * 2 + 1];
  hex(tx->rf, tx->len, h);
  double start_dev = device_us(tx->start_cycle);
  printf("{\"ev\":\"air\",\"startUs\":%.3f,\"endUs\":%.3f,\"deviceStartUs\":%.1f,\"rf\":\"%s\",\"aborted\":%s}\n", sim_us(tx->start_cycle),
         sim_us(tx->end_cycle), start_dev, h, tx->aborted ? "true" : "false");
}

/*
 * simavr's SPI model finishes every byte 100 us after SPDR is written, whatever
 * the SPI clock; the real bus at F_CPU/2 takes 1 us. Left alone, every register
 * write would hold the firmware up 100 times too long (a 50-byte FIFO load
 * 5 ms, keying the transmitter 200 us late). So after simavr's own SPDR write
 * handler has queued that completion, it is moved to the wire time the
 * firmware's SPCR/SPSR set: 8 bits at F_CPU / divider.
 */
#define SPCR_ADDR 0x4C
#define SPSR_ADDR 0x4D
#define SPDR_ADDR 0x4E
static void spi_at_wire_speed(struct avr_t *a, avr_io_addr_t addr, uint8_t v, void *param) {
  (void)addr, (void)v, (void)param;
  static const uint8_t divider[4] = {4, 16, 64, 128};
  uint32_t div = divider[a->data[SPCR_ADDR] & 3] / ((a->data[SPSR_ADDR] & 1) ? 2 : 1);
  avr_cycle_count_t sim_done = a->cycle + avr_usec_to_cycles(a, 100);
  for (avr_cycle_timer_slot_p t = a->cycle_timers.timer; t; t = t->next) {
    if (t->when != sim_done) continue;
    avr_cycle_timer_t fn = t->timer;
    void *arg = t->param;
    avr_cycle_timer_cancel(a, fn, arg);
    avr_cycle_timer_register(a, 8 * div, fn, arg);
    return;
  }
}

static void on_signal(int sig) {
  (void)sig;
  stopping = 1;
}

static void sleep_nothing(avr_t *a, avr_cycle_count_t how_long) {
  (void)a, (void)how_long; /* pacing is done against the wall clock in main() */
}

static uint64_t wall_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

int main(int argc, char **argv) {
  const char *elf = NULL, *link_path = NULL;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--link") && i + 1 < argc) link_path = argv[++i];
    else if (!elf) elf = argv[i];
    else {
      fprintf(stderr, "ccl-sim: unexpected argument %s\n", argv[i]);
      return 2;
    }
  }
  if (!elf) {
    fprintf(stderr, "usage: ccl-sim FIRMWARE.elf [--link PATH]\n");
    return 2;
  }
  setvbuf(stdout, NULL, _IOLBF, 0);

  elf_firmware_t fw;
  memset(&fw, 0, sizeof fw);
  if (elf_read_firmware(elf, &fw) != 0) {
    fprintf(stderr, "ccl-sim: cannot read firmware %s\n", elf);
    return 1;
  }
  avr = avr_make_mcu_by_name("atmega328p");
  if (!avr) {
    fprintf(stderr, "ccl-sim: simavr has no atmega328p\n");
    return 1;
  }
  avr_init(avr);
  avr->log = LOG_WARNING;
  avr_load_firmware(avr, &fw);
  avr->frequency = 16000000;
  avr->sleep = sleep_nothing;

  char slave_name[256];
  if (openpty(&master_fd, &slave_fd, slave_name, NULL, NULL) < 0) {
    perror("ccl-sim: openpty");
    return 1;
  }
  struct termios tio;
  tcgetattr(slave_fd, &tio);
  cfmakeraw(&tio);
  tcsetattr(slave_fd, TCSANOW, &tio);
  /* Keep our own slave fd open: a host closing and re-opening the port then never hangs the master up. */
  fcntl(master_fd, F_SETFL, fcntl(master_fd, F_GETFL) | O_NONBLOCK);
  if (link_path) {
    unlink(link_path);
    if (symlink(slave_name, link_path) < 0) {
      perror("ccl-sim: symlink");
      return 1;
    }
  }

  uint32_t flags = 0;
  avr_ioctl(avr, AVR_IOCTL_UART_GET_FLAGS('0'), &flags);
  flags &= ~(AVR_UART_FLAG_STDIO | AVR_UART_FLAG_POLL_SLEEP);
  avr_ioctl(avr, AVR_IOCTL_UART_SET_FLAGS('0'), &flags);
  uart_in = avr_io_getirq(avr, AVR_IOCTL_UART_GETIRQ('0'), UART_IRQ_INPUT);
  avr_irq_register_notify(avr_io_getirq(avr, AVR_IOCTL_UART_GETIRQ('0'), UART_IRQ_OUTPUT), on_uart_out, NULL);
  avr_irq_register_notify(avr_io_getirq(avr, AVR_IOCTL_UART_GETIRQ('0'), UART_IRQ_OUT_XON), on_xon, NULL);
  avr_irq_register_notify(avr_io_getirq(avr, AVR_IOCTL_UART_GETIRQ('0'), UART_IRQ_OUT_XOFF), on_xoff, NULL);
  avr_irq_register_notify(avr_get_interrupt_irq(avr, TIMER1_COMPA_VECTOR) + AVR_INT_IRQ_PENDING, on_timer1_tick, NULL);

  avr_register_io_write(avr, SPDR_ADDR, spi_at_wire_speed, NULL);
  static rfm69_part_t radio;
  rfm69_part_init(&radio, avr, on_tx, NULL);

  signal(SIGTERM, on_signal);
  signal(SIGINT, on_signal);
  signal(SIGPIPE, SIG_IGN);
  printf("{\"ev\":\"ready\",\"pty\":\"%s\",\"link\":\"%s\"}\n", slave_name, link_path ? link_path : "");

  /* Only a pipe or socket from a parent is watched: its closing means the parent is gone. */
  struct stat st;
  int watch_stdin = fstat(0, &st) == 0 && (S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode));
  const uint64_t t0 = wall_ns();
  const uint64_t c0 = avr->cycle;
  double behind_max_us = 0;
  unsigned n = 0;
  while (!stopping) {
    int state = avr_run(avr);
    if (state == cpu_Done || state == cpu_Crashed) {
      fprintf(stderr, "ccl-sim: the AVR stopped (state %d) at %.0f us\n", state, sim_us(avr->cycle));
      break;
    }
    if ((++n & 63) != 0 && state != cpu_Sleeping) continue;
    uint64_t sim_ns = (uint64_t)((double)(avr->cycle - c0) * 1e9 / avr->frequency);
    uint64_t now = wall_ns() - t0;
    read_pty();
    pump_uart();
    if (sim_ns > now) {
      /* Ahead of the wall clock: wait, but wake at once when the host writes. */
      uint64_t wait = sim_ns - now;
      struct timespec ts = {.tv_sec = (time_t)(wait / 1000000000ull), .tv_nsec = (long)(wait % 1000000000ull)};
      struct pollfd pfd[2] = {{.fd = master_fd, .events = POLLIN}, {.fd = watch_stdin ? 0 : -1, .events = POLLIN}};
      int r = ppoll(pfd, 2, &ts, NULL);
      if (r > 0 && (pfd[1].revents & (POLLHUP | POLLIN))) {
        char c;
        if (read(0, &c, 1) <= 0) stopping = 1; /* stdin closed: the parent is gone */
      }
    } else {
      double behind = (double)(now - sim_ns) / 1000.0;
      if (behind > behind_max_us) behind_max_us = behind;
    }
  }
  printf("{\"ev\":\"stats\",\"simUs\":%.0f,\"wallUs\":%.0f,\"behindMaxUs\":%.0f}\n", sim_us(avr->cycle - c0), (double)(wall_ns() - t0) / 1000.0,
         behind_max_us);
  if (link_path) unlink(link_path);
  return 0;
}
