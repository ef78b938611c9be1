package runner

import (
	"context"
	"os"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// pollGroupEvery is how often we look again at a process group that outlived
// the child without holding its output open: nothing signals us when such a
// process ends, so we have to look.
const pollGroupEvery = 10 * time.Millisecond

// supervisor owns the child's process group until nothing of it remains.
type supervisor struct {
	ctx    context.Context
	pgid   int
	grace  time.Duration
	sigs   <-chan os.Signal
	exited <-chan int // the child's exit code, once
	out    *output

	res       Result
	signals   int           // signals received so far
	killAfter time.Duration // after the first signal, SIGKILL the group; 0: never
	// childForwards: the child passes signals on itself (uv run)
	childForwards bool
	killAt        <-chan time.Time // SIGKILL the group when this fires
	killed        bool
	flushAt       <-chan time.Time // stop reading output when this fires
	gaveUp        bool
	child         bool // the child has exited
	drained       bool
	groupTic      *time.Ticker
}

// run forwards signals until the child has exited, its output is drained and
// its process group is empty (or killed and given up on).
func (s *supervisor) run() Result {
	ctxDone := s.ctx.Done()
	exited, drained := s.exited, s.out.done
	var tick <-chan time.Time
	for !s.finished() {
		if s.child && s.drained && s.groupTic == nil {
			s.groupTic = time.NewTicker(pollGroupEvery)
			defer s.groupTic.Stop()
			tick = s.groupTic.C
		}
		select {
		case sig, ok := <-s.sigs:
			if !ok {
				s.sigs = nil
				continue
			}
			s.forward(sig)
		case <-ctxDone:
			ctxDone = nil
			s.forward(syscall.SIGTERM)
		case code := <-exited:
			exited = nil
			s.onExit(code)
		case <-drained:
			drained = nil
			s.drained = true
		case <-s.killAt:
			s.kill()
		case <-s.flushAt:
			s.flushAt = nil
			if s.child {
				s.gaveUp = true
				s.out.stop()
			}
		case <-tick:
		}
	}
	return s.res
}

func (s *supervisor) finished() bool {
	return s.child && s.drained && (s.gaveUp || !groupAlive(s.pgid))
}

// forward passes the first signal on so that each process gets it once,
// as from a terminal (see deliver). After it, impacted waits
// as long as pytest takes, as pytest run directly would be waited for;
// a second signal, or the KillAfter deadline when one is set, kills the
// whole group.
func (s *supervisor) forward(sig os.Signal) {
	num, ok := sig.(syscall.Signal)
	if !ok {
		return
	}
	s.signals++
	if s.signals > 1 {
		s.kill()
		return
	}
	s.res.Signal = sig
	if !s.child {
		s.deliver(num)
		_ = unix.Kill(-s.pgid, unix.SIGCONT)
	}
	if s.killAfter > 0 && !s.killed {
		s.killAt = time.After(s.killAfter)
	}
}

// onExit records the child's status and starts the clean-up of whatever it
// left behind: a polite SIGTERM now, SIGKILL after the grace period.
func (s *supervisor) onExit(code int) {
	s.child = true
	s.res.ExitCode = code
	if s.killed {
		s.flushAt = time.After(s.flushWindow())
		return
	}
	if groupAlive(s.pgid) {
		s.signalGroup(unix.SIGTERM)
	}
	s.armKill() // also bounds the wait for output held open outside the group
}

// deliver sends sig to the group, each process once. A child that passes
// the signals it receives on to its own child (uv run does) is left out:
// sent to the group and through uv, pytest saw it twice (two
// KeyboardInterrupts, a teardown cut short). Where the group's members
// cannot be listed, only the child is signalled.
func (s *supervisor) deliver(sig syscall.Signal) {
	if !s.childForwards {
		_ = unix.Kill(-s.pgid, sig)
		return
	}
	members, ok := groupMembers(s.pgid)
	if !ok {
		_ = unix.Kill(s.pgid, sig)
		return
	}
	for _, pid := range members {
		if pid != s.pgid { // the child's pid is its group's id
			_ = unix.Kill(pid, sig)
		}
	}
}

// signalGroup sends sig to the whole group, then SIGCONT like a shell's
// kill does for a job: a stopped process (^Z typed into the pty, SIGTTIN)
// would otherwise only see the signal once somebody resumed it.
func (s *supervisor) signalGroup(sig syscall.Signal) {
	_ = unix.Kill(-s.pgid, sig)
	if sig != unix.SIGCONT && sig != unix.SIGKILL {
		_ = unix.Kill(-s.pgid, unix.SIGCONT)
	}
}

func (s *supervisor) armKill() {
	if s.killAt == nil && !s.killed {
		s.killAt = time.After(s.grace)
	}
}

func (s *supervisor) kill() {
	_ = unix.Kill(-s.pgid, unix.SIGKILL)
	s.killed, s.killAt = true, nil
	if s.child {
		s.flushAt = time.After(s.flushWindow())
	}
}

// flushWindow is how long output may still be read after SIGKILL: killed
// processes release the pty at once, so only a process that escaped the
// group (setsid) can use it up.
func (s *supervisor) flushWindow() time.Duration {
	return min(s.grace, time.Second)
}
