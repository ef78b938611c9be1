package runner

import "syscall"

// dieWithParent has the kernel send the child SIGTERM when impacted dies,
// even by SIGKILL, which nothing of ours can catch: uv forwards SIGTERM to
// pytest, whose workers end with it, so `kill -9` of impacted leaves no
// orphans. (The signal comes when the thread that started the child ends;
// Go ends a thread only under runtime.LockOSThread, which the runner
// never uses.) SIGTERM rather than SIGKILL: a killed uv could not pass
// anything on to pytest.
func dieWithParent(attr *syscall.SysProcAttr) {
	attr.Pdeathsig = syscall.SIGTERM
}
