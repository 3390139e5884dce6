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
;   3. turns interrupts back on (a system call may sleep and must be preemptible) and calls
;      syscall_dispatch(frame);
;   4. returns through trap.asm's trap_return with iretq.
; Why iretq and not the faster sysretq: the frame is the one copy of the user registers, and
; later issues edit it (signal delivery rewrites rip/rsp, ptrace SETREGS rewrites anything,
; execve replaces it wholesale). iretq restores every field of the frame exactly; sysret would
; restore only rip from rcx and rflags from r11, clobber both, and fault in ring 0 on a
; non-canonical rip - a classic kernel hole. One exit path for every trap keeps it simple.
; The frame sits at the very top of the kernel stack, where an interrupt from user mode also
; lands (TSS.rsp0 = the same top), so arch_uregs_slot() finds the user registers in one place.
; Stack alignment: the top is 16-byte aligned and the frame is 22 quadwords, so
; syscall_dispatch is called with rsp aligned as the SysV ABI requires.
; The one unsafe moment is step 1: rsp is still the user's. A maskable interrupt cannot come
; (FMASK cleared IF), but an NMI or a machine check would be pushed onto the user stack;
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

section .text
extern syscall_dispatch
extern trap_return

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
	sti                                     ; 3. the kernel stack is ours: interrupts on
	mov rdi, rsp
	call syscall_dispatch
	; 4. Interrupts off for the way out, as on every other path into trap_return (interrupt
	; gates): the last look at the thread before user mode (preemption, pending signals)
	; must not race with an interrupt (exit_to_user_mode, at trap_return).
	cli
	jmp trap_return
SYSCALL_ENTRY_SIZE equ $ - syscall_entry
