package orthanctest

import (
	"os/exec"
	"syscall"
)

// dieWithParent has the kernel kill Orthanc when the test binary dies,
// so a crashed or killed test run leaves no server behind.
func dieWithParent(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
