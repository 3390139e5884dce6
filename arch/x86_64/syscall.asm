; syscall.asm - the `syscall` instruction's way into the kernel.
;
; `syscall` is a fast, bare-bones trap: the CPU saves the user rip in rcx and rflags in r11,
; loads the kernel CS/SS from the STAR MSR, masks rflags with FMASK (interrupts off) and jumps
; to LSTAR = syscall_entry. Unlike an interrupt it does NOT switch stacks and pushes nothing:
; rsp is still the user's stack, which the kernel must never trust. So the entry:
;   1. parks the user rsp in a scratch slot and loads the current thread's kernel stack top
;      (one CPU: two globals; interrupts are off until step 3, so nothing can reuse the slot);
;   2. pushes exactly the struct trap_frame (arch/x86_64/trap.h) an interrupt from user mode
;      would have built: ss, rsp, rflags (r11), cs, rip (rcx), in the error code slot the
;      system call number (rax, which the result overwrites: signal restart needs it - Linux's
;      orig_rax), vector TRAP_SYSCALL, then the general registers in trap.asm's order;
;   3. calls syscall_dispatch(frame) with interrupts still off. The dispatcher turns them on
;      (a system call may sleep and must be preemptible) for every call but a few short ones
;      that never sleep (getpid, getppid...: kernel/syscall.c says why);
;   4. with interrupts off again, exit_to_user_mode(frame): preemption, signals (as on every
;      way out, trap.asm's trap_return);
;   5. returns with sysretq when that restores exactly what iretq would, else with iretq.
; Two ways out, and why. iretq restores every field of the frame: rip, cs, rflags, rsp, ss.
; The frame is the one copy of the user registers, and the kernel may have edited it (signal
; delivery rewrites rip and rsp, rt_sigreturn and ptrace SETREGS rewrite anything, execve
; replaces it wholesale), so iretq is always right. sysretq is faster - under QEMU's TCG a
; null system call takes ~15% less time (docs/performance.md) - but restores less: rip comes
; from rcx and rflags from r11 (so both are lost), cs and ss are fixed selectors (STAR), and
; on Intel CPUs a non-canonical rcx makes sysret fault IN RING 0 on the user's stack, a
; classic kernel hole. So sysret is taken only when the frame is exactly what it restores:
; rcx = rip and r11 = rflags (as the `syscall` instruction left them, unless someone edited
; the frame), rip below the last user page (canonical, and away from the boundary), no TF or
; RF to honour (single-stepping wants iretq's exact rflags), and the usual user selectors.
; Everything else - a signal handler's entry, sigreturn, a tracer's SETREGS, exec - takes
; iretq. Linux makes the same tests before its SYSRET (do_syscall_64, arch/x86/entry/);
; tests: ptrace_test's syscall_exit_* cases. The offsets below are checked against trap.h
; at compile time (usermode.c).
; The frame sits at the very top of the kernel stack, where an interrupt from user mode also
; lands (TSS.rsp0 = the same top), so arch_uregs_slot() finds the user registers in one place.
; Stack alignment: the top is 16-byte aligned and the frame is 22 quadwords, so
; syscall_dispatch is called with rsp aligned as the SysV ABI requires.
; The unsafe moments are step 1 and the sysretq: rsp is the user's. A maskable interrupt
; cannot come (IF is clear), but an NMI or a machine check would be pushed onto the user stack;
; Linux gives those vectors their own IST stacks. Nothing raises them on our QEMU machine, so
; we do not (TODO(nmi) if a watchdog or perf counters ever arrive).
;
; See also: arch/x86_64/syscall.c (MSR setup, argument decoding), kernel/syscall.c (the
; dispatcher), trap.asm (trap_return). Linux: arch/x86/entry/entry_64.S (entry_SYSCALL_64).

bits 64
%include "trap_frame.inc"
default rel

; Must match trap.h and gdt.h.
TRAP_SYSCALL    equ 0x180               ; 0x80 + 256: no hardware vector looks like it
USER_DATA_SEL   equ 0x18 | 3
USER_CODE_SEL   equ 0x20 | 3

section .bss
align 8
global syscall_kernel_rsp
syscall_kernel_rsp:     resq 1          ; top of the current thread's kernel stack
syscall_user_rsp:       resq 1          ; scratch: the user rsp between steps 1 and 2

; Offsets in struct trap_frame (trap.h): PUSH_GPRS leaves r15 at 0 ... rax at 112.
TF_R11          equ 32
TF_RCX          equ 96
TF_RIP          equ 136
TF_CS           equ 144
TF_RFLAGS       equ 152
TF_RSP          equ 160
TF_SS           equ 168
RFLAGS_TF       equ 1 << 8
RFLAGS_RF       equ 1 << 16
USER_RIP_LIMIT  equ 0x00007ffffffff000  ; below the last user page: canonical after sysret

section .text
extern syscall_dispatch
extern exit_to_user_mode
extern trap_return_regs

global syscall_entry:function SYSCALL_ENTRY_SIZE
syscall_entry:
	mov [syscall_user_rsp], rsp             ; 1. off the user stack
	mov rsp, [syscall_kernel_rsp]
	push qword USER_DATA_SEL                ; 2. ss
	push qword [syscall_user_rsp]           ;    rsp
	push r11                                ;    rflags, saved by the CPU
	push qword USER_CODE_SEL                ;    cs
	push rcx                                ;    rip, saved by the CPU
	push rax                                ;    error code slot: orig_rax, the number
	push qword TRAP_SYSCALL                 ;    vector
	PUSH_GPRS
	xor ebp, ebp                            ; the kernel's frame-pointer chain starts here
	mov rdi, rsp                            ; 3. interrupts still off (see above)
	call syscall_dispatch
	; 4. Interrupts off for the way out, as on every other path (interrupt gates): the last
	; look at the thread before user mode (preemption, pending signals) must not race with
	; an interrupt.
	cli
	mov rdi, rsp
	call exit_to_user_mode
	; 5. sysretq if it restores exactly what iretq would (see above), else iretq.
	mov rcx, [rsp + TF_RIP]
	cmp rcx, [rsp + TF_RCX]
	jne .iret
	mov r11, [rsp + TF_RFLAGS]
	cmp r11, [rsp + TF_R11]
	jne .iret
	test r11, RFLAGS_TF | RFLAGS_RF
	jnz .iret
	mov rax, USER_RIP_LIMIT
	cmp rcx, rax
	jae .iret
	cmp qword [rsp + TF_CS], USER_CODE_SEL
	jne .iret
	cmp qword [rsp + TF_SS], USER_DATA_SEL
	jne .iret
	POP_GPRS                                ; rcx = rip, r11 = rflags, as sysret wants
	mov rsp, [rsp + TF_RSP - TF_RIP + 16]   ; the user stack (vector and error code left)
	o64 sysret                              ; like the entry's step 1, an NMI here would
						; land on the user stack (TODO(nmi) there)
.iret:
	jmp trap_return_regs
SYSCALL_ENTRY_SIZE equ $ - syscall_entry
