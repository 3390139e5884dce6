; trap.asm - the entry stubs for every exception and interrupt vector.
;
; The CPU pushes ss, rsp, rflags, cs, rip (and, for some exceptions, an error code) and jumps
; to the vector's stub. Each stub makes the frame uniform - it pushes 0 where the CPU pushed no
; error code, then the vector number - and jumps to trap_common, which saves every general
; register, so the whole frame is a struct trap_frame (arch/x86_64/trap.h), and calls
; trap_dispatch(frame). On the way back it restores the registers (the handler may have changed
; them: that is how signals and ptrace edit a thread's registers) and returns with iretq.
; Stack alignment: the CPU aligns rsp to 16 before pushing; 22 quadwords keep it aligned, so
; trap_dispatch is called with the alignment the SysV ABI expects.

bits 64
%include "trap_frame.inc"
default rel
section .text

extern trap_dispatch
extern exit_to_user_mode

; Vectors whose exceptions push an error code: 8, 10-14, 17, 21, 29, 30.
%macro TRAP_STUB 1
trap_stub_%1:
%if %1 == 8 || (%1 >= 10 && %1 <= 14) || %1 == 17 || %1 == 21 || %1 == 29 || %1 == 30
	push qword %1
%else
	push qword 0
	push qword %1
%endif
	jmp trap_common
%endmacro

%assign v 0
%rep 48
TRAP_STUB v
%assign v v + 1
%endrep

trap_common:
	PUSH_GPRS
	cld                                     ; the ABI wants the direction flag clear
	mov rdi, rsp
	call trap_dispatch
; Every way back to user mode passes here (trap_common, syscall.asm, arch_enter_user), so
; exit_to_user_mode (signal.c) is the one place that preempts and delivers signals before
; ring 3; it returns at once for a frame that goes back to kernel code. Interrupts are off.
global trap_return
trap_return:
	mov rdi, rsp
	call exit_to_user_mode
global trap_return_regs
trap_return_regs:                               ; syscall.asm: exit_to_user_mode already ran
	POP_GPRS
	add rsp, 16                             ; vector and error code
global trap_return_iret
trap_return_iret:                               ; trap.c: a #GP here is a bad user frame
	iretq

section .rodata
global trap_stub_table
align 8
trap_stub_table:
%assign v 0
%rep 48
	dq trap_stub_ %+ v
%assign v v + 1
%endrep
