; switch.asm - switching the CPU from one kernel thread to another, and a new thread's first steps.
;
; A switched-out thread is nothing but its kernel stack: arch_context_switch() pushes the
; registers the SysV ABI says a callee must preserve (rbp, rbx, r12-r15) on the current stack,
; stores the stack pointer, loads the other thread's, pops its registers and returns - into
; whatever called arch_context_switch() in *that* thread, long ago. The caller-saved registers
; need no saving: the C compiler already assumes a call destroys them. rip needs no slot of its
; own: it is the return address the call pushed. The saved rsp points at the struct
; arch_context (arch/x86_64/context.c) that these pushes build, lowest address first:
;
;     r15 r14 r13 r12 rbx rbp | return address
;
; No FPU/SSE state: the kernel is built with -mgeneral-regs-only. User FPU state will be saved
; on the way into the kernel, not here.
;
; A new thread's stack is built by arch_context_init() to look as if it had been switched out
; just before arch_thread_trampoline, with r12 = entry, r13 = arg and rbp = 0; the first switch
; to it "returns" into the trampoline.
;
; See also: arch/x86_64/context.c, kernel/sched.c (the only caller). Linux:
; arch/x86/entry/entry_64.S (__switch_to_asm, ret_from_fork).

; Each function's symbol carries its size (the *_SIZE constants), so backtraces can tell
; where it ends; the constants are absolute symbols, which the backtrace table ignores.

bits 64
default rel
section .text

extern sched_thread_start
extern kthread_exit

; void arch_context_switch(struct arch_context **save, struct arch_context *load)
; save in rdi, load in rsi.
global arch_context_switch:function CONTEXT_SWITCH_SIZE
arch_context_switch:
	push rbp
	push rbx
	push r12
	push r13
	push r14
	push r15
	mov [rdi], rsp                  ; *save = this thread's context, on its own stack
	mov rsp, rsi                    ; from here on we are on the other thread's stack
	pop r15
	pop r14
	pop r13
	pop r12
	pop rbx
	pop rbp
	ret                             ; into the other thread (or its trampoline)
CONTEXT_SWITCH_SIZE equ $ - arch_context_switch

; arch_thread_trampoline - where a new thread starts. On entry rsp = stack top - 8, which holds
; a zero "return address", and rbp = 0. Pushing rbp makes a frame whose saved rbp is 0, so a
; frame-pointer backtrace ends here; it also leaves rsp 16-byte aligned, as the ABI wants at
; every call.
global arch_thread_trampoline:function TRAMPOLINE_SIZE
arch_thread_trampoline:
	push rbp
	mov rbp, rsp
	call sched_thread_start         ; finish the switch: release the run queue, interrupts on
	mov rdi, r13                    ; r12/r13 are callee-saved, so they survived that call
	call r12                        ; entry(arg)
	call kthread_exit               ; entry returned: the thread is done (does not return)
	ud2
TRAMPOLINE_SIZE equ $ - arch_thread_trampoline
